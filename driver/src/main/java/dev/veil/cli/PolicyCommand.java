package dev.veil.cli;

import picocli.CommandLine.Command;

/** {@code veil policy}: the tools a compliance team uses on the column policy it owns. */
@Command(
    mixinStandardHelpOptions = true,
    name = "policy",
    description = "Check a policy against the database, review a change, report for audits.",
    subcommands = {PolicyCheckCommand.class, PolicyDiffCommand.class, PolicyReportCommand.class})
final class PolicyCommand {}
