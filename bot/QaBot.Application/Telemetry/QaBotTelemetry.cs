using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QaBot.Application.Telemetry;

/// <summary>
/// The product's one Meter and one ActivitySource, both named "QaBot". The hosts export them (to Azure Monitor when
/// configured); this layer only records, with System.Diagnostics, so it has no exporter to depend on. Tags carry ids
/// and outcomes, never names or mailboxes.
/// </summary>
public static class QaBotTelemetry
{
    public const string Name = "QaBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Digests the Bot Connector accepted.</summary>
    public static readonly Counter<long> RemindersSent = Meter.CreateCounter<long>("qabot.reminders.sent", "{digest}", "Digests delivered");

    /// <summary>Digests given up on (failed after the last try), tagged with the last status code.</summary>
    public static readonly Counter<long> RemindersFailed = Meter.CreateCounter<long>("qabot.reminders.failed", "{digest}", "Digests not delivered after the last try");

    /// <summary>Answers of 429 from the channel.</summary>
    public static readonly Counter<long> RemindersThrottled = Meter.CreateCounter<long>("qabot.reminders.throttled", "{response}", "429 answers while delivering digests");

    /// <summary>Digests sent again after a try that may already have reached the person.</summary>
    public static readonly Counter<long> RemindersPossiblyDuplicated = Meter.CreateCounter<long>("qabot.reminders.possible_duplicates", "{digest}", "Digests that may have been shown twice");

    /// <summary>Inbound requests the front door refused, tagged with the reason.</summary>
    public static readonly Counter<long> AuthenticationRefusals = Meter.CreateCounter<long>("qabot.auth.refusals", "{request}", "Inbound requests refused by authentication");

    /// <summary>How long a conversation turn took, from the request in to the answer out.</summary>
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("qabot.turn.duration", "ms", "Conversation turn duration");

    /// <summary>Staff with duties QaBot cannot reach, tagged with the reason (no_chat, stale_chat, install_failed); set by the nightly Graph run.</summary>
    public static readonly Gauge<long> PeopleUnreached = Meter.CreateGauge<long>("qabot.people.unreached", "{person}", "Staff with duties QaBot cannot reach");

    public const string TurnActivity = "QaBot.Turn";
    public const string DigestSendActivity = "QaBot.DigestSend";
    public const string GraphCallActivity = "QaBot.GraphCall";
}
