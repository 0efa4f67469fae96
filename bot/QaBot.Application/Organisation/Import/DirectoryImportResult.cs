using QaBot.Core.Organisation.Import;

namespace QaBot.Application.Organisation.Import;

/// <summary>What an import changed.</summary>
public sealed class DirectoryImportResult
{
    public int AreasAdded { get; set; }

    public int AreasUpdated { get; set; }

    public int AreasRetired { get; set; }

    public int PeopleAdded { get; set; }

    public int PeopleUpdated { get; set; }

    public int PeopleReactivated { get; set; }

    public int PeopleDeactivated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Items that followed their owner to a new home area.</summary>
    public int ItemsMoved { get; set; }

    /// <summary>Outstanding items of leavers given to their manager, flagged.</summary>
    public int ItemsReassigned { get; set; }

    /// <summary>Outstanding items about leavers (their supervision, their My Plan/PDR) closed as "left".</summary>
    public int ItemsClosedAsLeft { get; set; }

    /// <summary>Records someone else changed during the import: not overwritten.</summary>
    public IList<string> Conflicts { get; } = [];

    internal void Count(ChangeKind kind, bool area)
    {
        switch (kind)
        {
            case ChangeKind.Added when area: AreasAdded++; break;
            case ChangeKind.Updated when area: AreasUpdated++; break;
            case ChangeKind.Retired: AreasRetired++; break;
            case ChangeKind.Added: PeopleAdded++; break;
            case ChangeKind.Updated: PeopleUpdated++; break;
            case ChangeKind.Reactivated: PeopleReactivated++; break;
            case ChangeKind.Deactivated: PeopleDeactivated++; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
