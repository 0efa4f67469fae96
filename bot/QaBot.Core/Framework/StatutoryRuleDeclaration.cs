namespace QaBot.Core.Framework;

/// <summary>
/// A statutory rule the catalogue's duties may name (e.g. <c>cla-review</c>). The catalogue only declares the id and
/// says what it stands for; the schedule engine holds the rule's timescales as data under the same id.
/// </summary>
public sealed record StatutoryRuleDeclaration(string Id, string Description);
