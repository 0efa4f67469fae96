using System.Text.RegularExpressions;
using QaBot.Application.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Application.Reports;

/// <summary>
/// One channel of <c>Reports:Channels</c>: where the monthly report goes, for which area and for whom. A council
/// copies the channel's id from Teams (Get link to channel: the <c>19:...@thread.tacv2</c> part).
/// </summary>
public sealed partial record ReportChannelOptions
{
    /// <summary>A short key for the channel in the ledger and the operators' view: 1 to 40 lower-case letters, digits and hyphens.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The channel's conversation id (<c>19:...@thread.tacv2</c>, or <c>19:...@thread.skype</c>).</summary>
    public string Channel { get; init; } = string.Empty;

    /// <summary>
    /// The team's id (the conversation id of its General channel) when the channel is not the General one, so that a
    /// channel QaBot has not been written to yet is reached through the team it was installed into.
    /// </summary>
    public string? Team { get; init; }

    /// <summary>The area the report covers, as its id (<c>qabot people list</c> shows it), with everything below it.</summary>
    public string Area { get; init; } = string.Empty;

    /// <summary>Officers (every figure) or Members (small numbers suppressed, for elected members' channels).</summary>
    public ReportAudience Audience { get; init; } = ReportAudience.Officers;

    /// <summary>What is wrong with the channels configured; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<ReportChannelOptions>? channels)
    {
        if (channels is null)
        {
            yield break;
        }

        for (var i = 0; i < channels.Count; i++)
        {
            var c = channels[i];
            var at = $"Reports:Channels:{i}";
            if (!NamePattern().IsMatch(c.Name ?? string.Empty))
            {
                yield return $"{at}:Name must be 1 to 40 lower-case letters, digits and hyphens.";
            }

            if (!ChannelPattern().IsMatch(c.Channel ?? string.Empty))
            {
                yield return $"{at}:Channel must be a Teams channel id (19:...@thread.tacv2).";
            }

            if (c.Team is not null && !ChannelPattern().IsMatch(c.Team))
            {
                yield return $"{at}:Team must be a Teams team id (19:...@thread.tacv2), or left out for the team's General channel.";
            }

            if (!AreaId.TryParse(c.Area, out _))
            {
                yield return $"{at}:Area must be an area id, for example childrens-services.";
            }

            if (!Enum.IsDefined(c.Audience))
            {
                yield return $"{at}:Audience must be Officers or Members.";
            }
        }

        foreach (var name in channels.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"Reports:Channels: the name '{name}' is used more than once.";
        }

        foreach (var channel in channels.GroupBy(c => c.Channel, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"Reports:Channels: the channel '{channel}' is configured more than once; each channel gets one report.";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^19:[A-Za-z0-9_\-]{1,200}@thread\.(tacv2|skype)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();
}
