/** JADE agents, the ACL protocol and the learner. */
package org.equigrid.agents;
