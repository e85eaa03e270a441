package org.equigrid.market.model;

/**
 * What a participant owns: a consumer has load only, a prosumer has rooftop PV and maybe a battery.
 */
public enum ParticipantKind {
  CONSUMER,
  PROSUMER
}
