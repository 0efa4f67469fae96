namespace QaBot.Core.Organisation.Import;

/// <summary>One record of a CSV file and the line it starts on (1-based, the header is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
