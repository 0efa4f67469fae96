using Microsoft.Extensions.Logging;

namespace QaBot.Testing.Logging;

/// <summary>One log line captured by <see cref="CapturingLoggerProvider"/>, with the scopes active when it was written.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyList<object?> Scopes);
