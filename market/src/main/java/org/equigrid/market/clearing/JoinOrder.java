package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.List;

/** The members of a {@link CoalitionLp}'s coalition, by index and in the order they joined. */
final class JoinOrder {

  private final boolean[] member;
  private final List<Integer> joined = new ArrayList<>();

  JoinOrder(int households) {
    member = new boolean[households];
  }

  /** Adds household {@code i}; false if it is a member already. */
  boolean add(int i) {
    if (member[i]) {
      return false;
    }
    member[i] = true;
    joined.add(i);
    return true;
  }

  /** Removes household {@code i}; false if it is no member. */
  boolean remove(int i) {
    if (!member[i]) {
      return false;
    }
    member[i] = false;
    joined.remove(Integer.valueOf(i));
    return true;
  }

  boolean contains(int i) {
    return member[i];
  }

  /** The members in the order they joined (a copy). */
  int[] toArray() {
    return joined.stream().mapToInt(Integer::intValue).toArray();
  }
}
