using System.Globalization;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Testing.Organisation;

/// <summary>
/// A small department for tests (its role ids are its own, with <see cref="Policy"/> to match; the demo council uses the
/// catalogue's): Children's Services &gt; Early Help &amp; Safeguarding (two localities under a
/// social care service) and Schools &amp; Learning (SEND), with fixed ids.
/// </summary>
public static class TestDirectory
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public static readonly AreaId Department = AreaId.Root("Children's Services");
    public static readonly AreaId EarlyHelp = Department.Child("Early Help & Safeguarding");
    public static readonly AreaId SocialCare = EarlyHelp.Child("Children's Social Care North");
    public static readonly AreaId Chesterfield = SocialCare.Child("Locality: Chesterfield");
    public static readonly AreaId ChesterfieldTeam1 = Chesterfield.Child("Team 1");
    public static readonly AreaId ChesterfieldTeam2 = Chesterfield.Child("Team 2");
    public static readonly AreaId Bolsover = SocialCare.Child("Locality: Bolsover");
    public static readonly AreaId BolsoverTeam1 = Bolsover.Child("Team 1");
    public static readonly AreaId Schools = Department.Child("Schools & Learning");
    public static readonly AreaId Send = Schools.Child("SEND");
    public static readonly AreaId SendTeam = Send.Child("SEND Casework");

    public static readonly RoleId ExecutiveDirector = new("executive-director");
    public static readonly RoleId ServiceDirector = new("service-director");
    public static readonly RoleId HeadOfService = new("head-of-service");
    public static readonly RoleId TeamManager = new("team-manager");
    public static readonly RoleId ElectedMember = new("elected-member");
    public static readonly RoleId AllStaff = new("all-staff");

    public static readonly IReadOnlySet<RoleId> Roles = new HashSet<RoleId> { ExecutiveDirector, ServiceDirector, HeadOfService, TeamManager, ElectedMember, AllStaff };

    public static OrganisationPolicy Policy { get; } = OrganisationPolicy.Create(
        [ExecutiveDirector.Value, ServiceDirector.Value, HeadOfService.Value, TeamManager.Value],
        [ElectedMember.Value]);

    public static IReadOnlyList<Area> Areas { get; } =
    [
        new(Department, "Children's Services", AreaKind.Department),
        new(EarlyHelp, "Early Help & Safeguarding", AreaKind.Division),
        new(SocialCare, "Children's Social Care North", AreaKind.Service),
        new(Chesterfield, "Locality: Chesterfield", AreaKind.Locality),
        new(ChesterfieldTeam1, "Team 1", AreaKind.Team),
        new(ChesterfieldTeam2, "Team 2", AreaKind.Team),
        new(Bolsover, "Locality: Bolsover", AreaKind.Locality),
        new(BolsoverTeam1, "Team 1", AreaKind.Team),
        new(Schools, "Schools & Learning", AreaKind.Division),
        new(Send, "SEND", AreaKind.Service),
        new(SendTeam, "SEND Casework", AreaKind.Team),
    ];

    public static AreaTree Tree { get; } = new(Areas);

    public static PersonId Id(int n) => new($"00000000-0000-4000-8000-{n.ToString("D12", CultureInfo.InvariantCulture)}");

    public static Person NewPerson(int n, AreaId area, PersonId? manager, params RoleId[] roles) => NewPerson(n, [area], manager, roles);

    public static Person NewPerson(int n, IReadOnlyList<AreaId> areas, PersonId? manager, params RoleId[] roles) => new(
        Id(n),
        $"person{n}@council.example",
        $"Person {n}",
        "Officer",
        areas,
        roles.Select(r => new RoleAssignment(r, new DateOnly(2024, 4, 1))).ToList(),
        manager,
        new DateOnly(2024, 4, 1),
        Active: true,
        LeftOn: null,
        QaBot.Core.Organisation.Person.Sources.CsvImport);

    /// <summary>Person 1 the Executive Director; 2 the EH&amp;S director; 3 head of service over both localities' service;
    /// 4 and 5 team managers of Chesterfield Team 1 and Bolsover Team 1; 6-8 social workers; 9 an elected member;
    /// 10 the S&amp;L director; 11 head of SEND; 12 a SEND caseworker with no line manager.</summary>
    public static IReadOnlyList<Person> People { get; } =
    [
        NewPerson(1, Department, null, ExecutiveDirector),
        NewPerson(2, EarlyHelp, Id(1), ServiceDirector),
        NewPerson(3, SocialCare, Id(2), HeadOfService),
        NewPerson(4, ChesterfieldTeam1, Id(3), TeamManager, AllStaff),
        NewPerson(5, BolsoverTeam1, Id(3), TeamManager, AllStaff),
        NewPerson(6, ChesterfieldTeam1, Id(4), AllStaff),
        NewPerson(7, ChesterfieldTeam1, Id(4), AllStaff),
        NewPerson(8, BolsoverTeam1, Id(5), AllStaff),
        NewPerson(9, Department, null, ElectedMember),
        NewPerson(10, Schools, Id(1), ServiceDirector),
        NewPerson(11, Send, Id(10), HeadOfService),
        NewPerson(12, SendTeam, null, AllStaff),
    ];

    public static OrganisationChart Chart { get; } = new(Tree, People, Policy);
}
