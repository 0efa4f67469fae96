namespace QaBot.Application.Sync;

/// <summary>Whether QaBot has been given a way to reach Microsoft Graph (an app registration and its credential).</summary>
public interface IGraphConnection
{
    bool IsConfigured { get; }
}
