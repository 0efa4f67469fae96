namespace QaBot.Core.Organisation.Import;

public enum ChangeKind
{
    Added,
    Updated,
    Reactivated,
    Deactivated,
    Retired,
}
