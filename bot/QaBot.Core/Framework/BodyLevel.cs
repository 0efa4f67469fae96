namespace QaBot.Core.Framework;

/// <summary>A level of Appendix A (e.g. "Strategic Assurance").</summary>
public sealed record BodyLevel(string Id, string Name);
