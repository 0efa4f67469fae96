namespace QaBot.Core.Organisation;

/// <summary>A person's Entra ID object id (a GUID in lowercase text form). Never a name or an e-mail address.</summary>
public readonly record struct PersonId(string Value)
{
    public static bool TryParse(string? text, out PersonId id)
    {
        if (Guid.TryParse(text, out var guid))
        {
            id = new PersonId(guid.ToString("D"));
            return true;
        }

        id = default;
        return false;
    }

    public override string ToString() => Value;
}
