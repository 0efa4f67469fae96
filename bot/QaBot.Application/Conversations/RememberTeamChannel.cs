using Microsoft.Extensions.Logging;

namespace QaBot.Application.Conversations;

/// <summary>
/// Keeps where to post in the Teams channels QaBot is added to: the channel is stored when the app is installed into
/// its team, and again when a message there shows it is new, stale or has moved service.
/// </summary>
public sealed partial class RememberTeamChannel
{
    private readonly ITeamChannelStore _channels;
    private readonly ILogger<RememberTeamChannel> _logger;

    public RememberTeamChannel(ITeamChannelStore channels, ILogger<RememberTeamChannel> logger)
    {
        _channels = channels ?? throw new ArgumentNullException(nameof(channels));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task OnInstalledAsync(TeamChannel channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await _channels.SaveAsync(channel, at, cancellationToken).ConfigureAwait(false);
        LogStored(channel.ConversationId, channel.TeamId);
    }

    public async Task OnMessageAsync(TeamChannel channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var stored = await _channels.GetAsync(channel.ConversationId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.IsStale || stored.Channel != channel)
        {
            await _channels.SaveAsync(channel, at, cancellationToken).ConfigureAwait(false);
            LogStored(channel.ConversationId, channel.TeamId);
        }
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Stored team channel {ConversationId} of team {TeamId}")]
    private partial void LogStored(string conversationId, string teamId);
}
