namespace QaBot.Core.Framework;

/// <summary>A governance body's stable id (Appendix A).</summary>
public readonly record struct BodyId(string Value)
{
    public override string ToString() => Value;
}
