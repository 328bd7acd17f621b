package dev.veil.policy;

/** A policy file that cannot be used, with the place and the problem. */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param source the file or resource
   * @param line the 1-based line, or 0 when not known
   * @param problem what is wrong and what to do
   */
  public PolicyException(String source, int line, String problem) {
    super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
  }

  /** A problem reading the file itself. */
  public PolicyException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
