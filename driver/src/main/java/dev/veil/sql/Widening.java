package dev.veil.sql;

/**
 * A stretch {@code [begin, end)} of the SQL text that holds one parameter or literal of an equality
 * lookup, sent as {@code prefix}, {@code width} parameters, {@code suffix}: one parameter per
 * stored form the lookup must match.
 */
record Widening(int begin, int end, String prefix, String suffix, int width) {}
