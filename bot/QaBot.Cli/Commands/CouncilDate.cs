using NodaTime;

namespace QaBot.Cli.Commands;

/// <summary>The council's local date (Europe/London) from the injected clock.</summary>
internal static class CouncilDate
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var local = Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(London).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }
}
