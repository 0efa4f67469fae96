using QaBot.Core.Organisation;

namespace QaBot.Core.Tracking;

/// <summary>
/// Who made a change or looked at records: a person (by id, never by name), a part of QaBot acting on its own, or an
/// operator of the <c>qabot</c> command line (by the sign-in name the CLI was given).
/// </summary>
public readonly record struct Actor
{
    private Actor(string value) => Value = value;

    public string Value { get; }

    public PersonId? PersonId => Value.StartsWith("person:", StringComparison.Ordinal) ? new PersonId(Value[7..]) : null;

    public static Actor Person(PersonId id) => new("person:" + id.Value);

    /// <summary>A part of QaBot: <c>scheduler</c>, <c>import</c>, <c>demo</c>, <c>directory-sync</c>.</summary>
    public static Actor System(string name) => new("system:" + name);

    /// <summary>Someone running the <c>qabot</c> command line: the <c>Cli:Operator</c> setting, or the machine's user name.</summary>
    public static Actor Operator(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new("operator:" + name.Trim());
    }

    public static Actor Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith("person:", StringComparison.Ordinal) || value.StartsWith("system:", StringComparison.Ordinal) || value.StartsWith("operator:", StringComparison.Ordinal)
            ? new Actor(value)
            : throw new FormatException($"'{value}' is not an actor.");
    }

    public override string ToString() => Value ?? string.Empty;
}
