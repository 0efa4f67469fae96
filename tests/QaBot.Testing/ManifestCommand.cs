namespace QaBot.Testing;

/// <summary>A command the Teams app manifest advertises in the bot's command menu.</summary>
public sealed record ManifestCommand(string Title, string Description, IReadOnlyList<string> Scopes);
