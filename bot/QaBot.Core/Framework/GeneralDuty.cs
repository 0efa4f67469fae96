namespace QaBot.Core.Framework;

/// <summary>A duty the framework places on a whole class of staff, above the responsibilities table.</summary>
public sealed record GeneralDuty(string Id, string AppliesTo, string Text, SourceRow SourceRow);
