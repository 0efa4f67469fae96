using System.ComponentModel.DataAnnotations;

namespace QaBot.Application.Configuration;

/// <summary>
/// The reminder run and its delivery (section <c>Reminders</c>). Every value has the default docs/configuration.md
/// gives. The limits default to Teams' documented ones for a bot: 50 requests a second for the app, 7 a second per
/// conversation.
/// </summary>
public sealed class RemindersOptions : IValidatableObject
{
    public const string Section = "Reminders";

    /// <summary>When the run starts (NCRONTAB with seconds, UTC). The run itself decides by Europe/London time what is due.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */15 * * * *";

    /// <summary>Local development: the bot process runs the schedule itself instead of an Azure Functions host.</summary>
    public bool RunInProcess { get; set; }

    /// <summary>The Storage queue digests travel on; its poison queue is the same name with <c>-poison</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$", ErrorMessage = "Reminders:QueueName must be 3 to 56 lowercase letters, digits and single hyphens.")]
    public string QueueName { get; set; } = "reminders";

    /// <summary>Requests a second to the Bot Connector from the whole app (every conversation together).</summary>
    [Range(1, 10_000)]
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>Requests a second to any one conversation.</summary>
    [Range(1, 1_000)]
    public int PerConversationRequestsPerSecond { get; set; } = 7;

    /// <summary>
    /// Added to the limiter's one-second window, so that requests granted just under a second apart cannot arrive at
    /// Teams just inside one second because the network was faster for the second. Costs about 5% of the rate.
    /// </summary>
    public TimeSpan LimiterMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Several sender instances share the app-wide rate: each claims shares of every second's budget from storage
    /// instead of pacing itself alone. Off by default, for a council whose one sender keeps within the limit by itself.
    /// </summary>
    public bool SharedRateBudget { get; set; }

    /// <summary>
    /// With <see cref="SharedRateBudget"/> on: requests of each second that every sender together leaves unused, so that
    /// requests arriving a little unevenly never put more than the limit into any span of one second. Each spare place
    /// is one place's share of the second (about 21 ms at 48 places); the first is taken up by the lateness a place's
    /// slot allows, the others absorb the network and clocks on different machines. Each costs that fraction of the rate.
    /// Every sender must use the same value.
    /// </summary>
    [Range(1, 9_999)]
    public int SharedRateHeadroom { get; set; } = 2;

    /// <summary>Digests a sender works on at once (HTTP requests in flight); the limiter still caps the rate.</summary>
    [Range(1, 256)]
    public int SendConcurrency { get; set; } = 32;

    /// <summary>
    /// Digests the reminder run puts in one queue message (<see cref="Reminders.DigestBundle"/>). Each queue request
    /// then serves several digests, which matters most to a large department; a message's digests still go and are
    /// recorded one by one.
    /// </summary>
    [Range(1, Reminders.DigestBundle.MaxPeople)]
    public int DigestsPerMessage { get; set; } = 16;

    /// <summary>HTTP attempts for one digest in one delivery before it is put back on the queue for later.</summary>
    [Range(1, 20)]
    public int MaxAttemptsPerDelivery { get; set; } = 6;

    /// <summary>Deliveries of one queue message before it is given up (ledger: Failed) or, after an error, moved to the poison queue. Keep equal to host.json's <c>maxDequeueCount</c>.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a message taken from the queue stays hidden from other senders; renewed while it is worked on.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first backoff after a 412/502/503/504 without Retry-After; it doubles on each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on one backoff.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a "sending" mark in the send ledger means a sender is still at work on the digest: younger, and another
    /// copy of the message waits; older, and the send is taken to have died part-way and is made again, flagged as a
    /// possible duplicate. Longer than any one delivery with its retries can take.
    /// </summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a sender reads the shared "throttled until" marker that other instances may have set.</summary>
    public TimeSpan ThrottleMarkerRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many local days after today obligations are created ahead of time (reminders go out before the due date).</summary>
    [Range(7, 366)]
    public int HorizonDays { get; set; } = 42;

    /// <summary>How many local days before today obligations are still created if missing (for example after downtime).</summary>
    [Range(0, 366)]
    public int LookbackDays { get; set; } = 14;

    /// <summary>The first run ever covers this much time before it, so a service started at 10:00 still sends that morning's reminders.</summary>
    public TimeSpan FirstRunLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest stretch a run catches up after downtime; anything older is reported, not sent.</summary>
    public TimeSpan MaxCatchUp { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A run still "planning" after this long is taken to have died and is resumed by the next one.</summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The Teams service URL used to open a 1:1 chat with someone the bot has never heard from.</summary>
    [Required]
    public string DefaultServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LimiterMargin < TimeSpan.Zero || LimiterMargin > TimeSpan.FromSeconds(1))
        {
            yield return new("Reminders:LimiterMargin must be between 00:00:00 and 00:00:01.", [nameof(LimiterMargin)]);
        }

        if (SharedRateBudget && SharedRateHeadroom >= GlobalRequestsPerSecond)
        {
            yield return new("Reminders:SharedRateHeadroom must be less than Reminders:GlobalRequestsPerSecond: it is the part of each second's requests left unused.", [nameof(SharedRateHeadroom)]);
        }

        if (VisibilityTimeout < TimeSpan.FromSeconds(1) || VisibilityTimeout > TimeSpan.FromDays(7))
        {
            yield return new("Reminders:VisibilityTimeout must be between 1 second and 7 days.", [nameof(VisibilityTimeout)]);
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return new("Reminders:RetryBaseDelay must be positive and no more than Reminders:RetryMaxDelay.", [nameof(RetryBaseDelay)]);
        }

        if (SendingLease < TimeSpan.FromSeconds(1) || SendingLease > TimeSpan.FromHours(1))
        {
            yield return new("Reminders:SendingLease must be from 00:00:01 to 01:00:00 (default 00:05:00): longer than one delivery with its retries takes.", [nameof(SendingLease)]);
        }

        if (ThrottleMarkerRefresh <= TimeSpan.Zero)
        {
            yield return new("Reminders:ThrottleMarkerRefresh must be positive.", [nameof(ThrottleMarkerRefresh)]);
        }

        if (FirstRunLookback < TimeSpan.Zero || MaxCatchUp <= TimeSpan.Zero || RunLease <= TimeSpan.Zero)
        {
            yield return new("Reminders:FirstRunLookback cannot be negative; Reminders:MaxCatchUp and Reminders:RunLease must be positive.", [nameof(MaxCatchUp)]);
        }

        if (!Uri.TryCreate(DefaultServiceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            yield return new("Reminders:DefaultServiceUrl must be an absolute https URL.", [nameof(DefaultServiceUrl)]);
        }
    }

    /// <summary>The poison queue the Functions host (and the local sender) moves failed messages to.</summary>
    public string PoisonQueueName => QueueName + "-poison";
}
