namespace QaBot.Core.Framework;

/// <summary>A group of bodies within an Appendix A level (e.g. "Top-level Boards").</summary>
/// <param name="Level">The id of the level the group belongs to.</param>
public sealed record BodyGroup(string Id, string Name, string Level);
