package org.equigrid.config.profile;

/** Profile data that cannot be read: a missing file or column, or a value that is not a number. */
public final class ProfileDataException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProfileDataException(String message) {
    super(message);
  }
}
