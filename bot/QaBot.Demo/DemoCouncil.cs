using System.Globalization;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;

namespace QaBot.Demo;

/// <summary>
/// A fictional county council's children's services department, shaped like the framework's: divisions for Early
/// Help &amp; Safeguarding, Schools &amp; Learning and Performance, Quality &amp; Partnerships; localities named after
/// Derbyshire's districts; about 300 people holding every role, elected members included (docs/demo.md). Names are made up from
/// lists of common first names and surnames. The same seed always gives the same council.
/// </summary>
public sealed class DemoCouncil
{
    public const int DefaultSeed = 20_261_127;

    public const string Domain = "demo-council.example";

    public const string Department = "Children's Services";

    private const string EarlyHelp = "Early Help & Safeguarding";
    private const string Schools = "Schools & Learning";
    private const string Quality = "Performance, Quality & Partnerships";

    private static readonly string[] NorthLocalities = ["Chesterfield", "North East Derbyshire", "Bolsover", "High Peak"];
    private static readonly string[] SouthLocalities = ["Amber Valley", "Erewash", "South Derbyshire", "Derbyshire Dales"];
    private static readonly HashSet<string> LargeLocalities = ["Chesterfield", "Amber Valley", "Erewash"];

    private static readonly string[] FirstNames =
    [
        "Aisha", "Alan", "Alice", "Amir", "Amy", "Andrew", "Anna", "Ben", "Beth", "Callum", "Carl", "Chloe", "Claire",
        "Craig", "Daniel", "Dawn", "Deepa", "Ellie", "Emma", "Fiona", "Gareth", "Gemma", "Grace", "Hannah", "Harry",
        "Imran", "Jack", "Jade", "James", "Jasmine", "Jo", "Joel", "Karen", "Kate", "Kieran", "Laura", "Leanne", "Liam",
        "Lisa", "Lucy", "Mark", "Megan", "Michelle", "Mohammed", "Naomi", "Natalie", "Nathan", "Nicola", "Owen", "Paul",
        "Priya", "Rachel", "Rebecca", "Richard", "Rosie", "Ryan", "Sam", "Sarah", "Shaun", "Sophie", "Stephen", "Tom",
        "Vicky", "Wendy", "Zoe",
    ];

    private static readonly string[] Surnames =
    [
        "Ahmed", "Allen", "Bailey", "Barker", "Bennett", "Bird", "Booth", "Bradley", "Brooks", "Carter", "Chapman",
        "Clarke", "Cooper", "Cox", "Dale", "Davies", "Dixon", "Edwards", "Ellis", "Evans", "Fletcher", "Foster", "Gill",
        "Goodwin", "Green", "Hall", "Harper", "Hill", "Holmes", "Hughes", "Hussain", "Jackson", "Kaur", "Kelly", "Khan",
        "Knowles", "Lamb", "Lees", "Marsh", "Mason", "Moore", "Morris", "Newton", "Owen", "Parker", "Patel", "Pearson",
        "Platt", "Reid", "Riley", "Robinson", "Shaw", "Singh", "Slater", "Stone", "Taylor", "Thornton", "Turner",
        "Walker", "Ward", "Webb", "Wells", "Wilson", "Wright", "Young",
    ];

    private readonly Random _random;
    private readonly List<AreaRow> _areas = [];
    private readonly List<PersonRow> _people = [];
    private readonly HashSet<string> _names = [];
    private readonly HashSet<string> _upns = new(StringComparer.OrdinalIgnoreCase);

    private DemoCouncil(int seed) => _random = new Random(seed);

    /// <summary>Fixed object ids for people the local playground signs in as (docs/demo.md).</summary>
    public static class KeyPeople
    {
        public static readonly PersonId ExecutiveDirector = new("d0000000-0000-4000-8000-000000000001");
        public static readonly PersonId DirectorEarlyHelp = new("d0000000-0000-4000-8000-000000000002");
        public static readonly PersonId HeadOfServiceNorth = new("d0000000-0000-4000-8000-000000000003");
        public static readonly PersonId TeamManagerChesterfield = new("d0000000-0000-4000-8000-000000000004");
        public static readonly PersonId ElectedMember = new("d0000000-0000-4000-8000-000000000005");
        public static readonly PersonId DirectorSchools = new("d0000000-0000-4000-8000-000000000006");
        public static readonly PersonId SocialWorkerChesterfield = new("d0000000-0000-4000-8000-000000000007");
        public static readonly PersonId IroNorth = new("d0000000-0000-4000-8000-000000000008");

        /// <summary>The Head of Performance, Quality &amp; Participation: the QA team's lead, who arranges audits.</summary>
        public static readonly PersonId QaLead = new("d0000000-0000-4000-8000-000000000009");
    }

    public IReadOnlyList<AreaRow> Areas => _areas;

    public IReadOnlyList<PersonRow> People => _people;

    public static DemoCouncil Create(int seed = DefaultSeed)
    {
        var council = new DemoCouncil(seed);
        council.Build();
        return council;
    }

    private void Build()
    {
        Area(Department, AreaKind.Department);
        var executive = Add(Department, "Executive Director of Children's Services", null, ["executive-director"], KeyPeople.ExecutiveDirector, "Helen Ashworth");

        for (var i = 0; i < 8; i++)
        {
            var title = i == 0 ? "Cabinet Member for Children and Families" : i == 1 ? "Chair, Corporate Parenting Board" : "Councillor";
            // The cabinet member is the lead member for children's services: the monthly briefings are theirs.
            Add(Department, title, null, ["elected-member"], i == 0 ? KeyPeople.ElectedMember : null, i == 0 ? "Cllr Margaret Doyle" : null, councillor: true, alsoHolds: i == 0 ? ["lead-member"] : null);
        }

        BuildEarlyHelp(executive);
        BuildSchools(executive);
        BuildQuality(executive);
    }

    private void BuildEarlyHelp(string executive)
    {
        Area(EarlyHelp, AreaKind.Division);
        var director = Add(EarlyHelp, "Director, Early Help & Safeguarding", executive, ["service-director", "director-early-help-safeguarding"], KeyPeople.DirectorEarlyHelp, "Rachel Okafor");

        foreach (var (localities, name, id) in new[] { (NorthLocalities, "Ian Whitworth", KeyPeople.HeadOfServiceNorth), (SouthLocalities, "Sunita Rao", (PersonId?)null) })
        {
            foreach (var locality in localities)
            {
                Area($"{EarlyHelp} > Locality: {locality}", AreaKind.Locality);
            }

            // A head of service over four localities leads all four: they list each area.
            var paths = string.Join(';', localities.Select(l => $"{EarlyHelp} > Locality: {l}"));
            var head = Add(paths, "Head of Service, Locality Social Work", director, ["assistant-director-head-of-service", "head-of-service-early-help-safeguarding"], id, name);
            foreach (var locality in localities)
            {
                var teams = LargeLocalities.Contains(locality) ? 3 : 2;
                for (var t = 1; t <= teams; t++)
                {
                    var key = locality == "Chesterfield" && t == 1;
                    Team($"{EarlyHelp} > Locality: {locality} > Team {t}", head, _random.Next(6, 9), SocialCareTitles,
                        key ? KeyPeople.TeamManagerChesterfield : null, key ? "Dan Mercer" : null,
                        key ? KeyPeople.SocialWorkerChesterfield : null, key ? "Priya Nolan" : null);
                }
            }
        }

        var cp = $"{EarlyHelp} > Child Protection & IRO Service";
        Area(cp, AreaKind.Service);
        var cpHead = Add(cp, "Head of Child Protection & IRO Service", director, ["assistant-director-head-of-service", "head-of-child-protection-iro"]);
        // The first IRO of the north team holds the first demo cases (DemoCases): the local run can chat as them.
        Team($"{cp} > IRO Team North", cpHead, 6, ["Independent Reviewing Officer", "Child Protection Chair"],
            firstStaffId: KeyPeople.IroNorth, firstStaffName: "Joanne Pritchard", extraRoles: ["iro-cp-chair"]);
        Team($"{cp} > IRO Team South", cpHead, 6, ["Independent Reviewing Officer", "Child Protection Chair"], extraRoles: ["iro-cp-chair"]);

        var cic = $"{EarlyHelp} > Children in Care Provision";
        Area(cic, AreaKind.Service);
        var cicHead = Add(cic, "Head of Children in Care Provision", director, ["assistant-director-head-of-service", "head-of-children-in-care-provision"]);
        foreach (var team in new[] { "Fostering", "Adoption", "Children's Homes", "Leaving Care" })
        {
            Team($"{cic} > {team}", cicHead, _random.Next(5, 7), ["Social Worker", "Senior Practitioner", "Support Worker"]);
        }

        var yos = $"{EarlyHelp} > Youth Offending Service";
        Area(yos, AreaKind.Service);
        var yosHead = Add(yos, "Head of Youth Offending Service", director, ["assistant-director-head-of-service"]);
        Team($"{yos} > YOS Team", yosHead, 6, ["YOS Officer", "Case Manager"]);
    }

    private void BuildSchools(string executive)
    {
        Area(Schools, AreaKind.Division);
        var director = Add(Schools, "Director, Schools & Learning", executive, ["service-director", "director-schools-learning"], KeyPeople.DirectorSchools, "Tom Hadley");
        var services = new (string Service, string[] Teams, string[] Titles)[]
        {
            ("SEND", ["SEND Casework North", "SEND Casework South"], ["SEND Caseworker", "Educational Psychologist", "SEND Officer"]),
            ("Education Improvement", ["School Improvement", "Children Missing Education"], ["Education Improvement Officer", "Education Welfare Officer"]),
            ("Virtual School", ["Virtual School Team"], ["Virtual School Officer", "Education Adviser"]),
            ("Early Years", ["Early Years Team"], ["Early Years Adviser", "Childcare Officer"]),
        };
        foreach (var (service, teams, titles) in services)
        {
            var path = $"{Schools} > {service}";
            Area(path, AreaKind.Service);
            var head = Add(path, $"Head of {service}", director, ["assistant-director-head-of-service"]);
            foreach (var team in teams)
            {
                Team($"{path} > {team}", head, _random.Next(5, 8), titles);
            }
        }
    }

    private void BuildQuality(string executive)
    {
        Area(Quality, AreaKind.Division);
        var director = Add(Quality, "Director for Performance, Quality & Partnerships", executive, ["service-director"], alsoHolds: ["director-performance-quality-partnerships"]);
        var service = $"{Quality} > Performance, Quality & Participation";
        Area(service, AreaKind.Service);
        var head = Add(service, "Head of Performance, Quality & Participation", director, ["assistant-director-head-of-service", "head-of-performance-quality-participation"], KeyPeople.QaLead, "Grace Adeyemi");
        Team($"{service} > Quality Assurance Team", head, 6, ["Quality Assurance Officer", "Practice Auditor"]);
        Team($"{service} > Performance & Analysis", head, 5, ["Performance Analyst", "Data Officer"]);
        Team($"{service} > Participation & Children's Rights", head, 5, ["Participation Officer", "Children's Rights Officer"]);
        Team($"{service} > Complaints", head, 4, ["Complaints Officer"], managerTitle: "Assistant Head of Service (QA) & Complaints Manager", managerRoles: ["qa-complaints-manager"]);
    }

    /// <summary>The Monday the demo's newly qualified social workers' intake began; each started up to 24 weeks after it.</summary>
    private static readonly DateOnly AsyeIntake = new(2026, 6, 1);

    private static readonly string[] SocialCareTitles =
        ["Social Worker", "Social Worker", "Senior Social Worker", "Advanced Practitioner", "Family Support Worker", "Social Worker (ASYE)"];

    private void Team(
        string path,
        string headUpn,
        int staff,
        string[] titles,
        PersonId? managerId = null,
        string? managerName = null,
        PersonId? firstStaffId = null,
        string? firstStaffName = null,
        IReadOnlyList<string>? extraRoles = null,
        string managerTitle = "Team Manager",
        IReadOnlyList<string>? managerRoles = null)
    {
        Area(path, AreaKind.Team);
        var managerRoleList = (managerRoles ?? ["team-manager"]).Append("all-staff").ToList();
        var manager = Add(path, managerTitle, headUpn, managerRoleList, managerId, managerName);
        for (var i = 0; i < staff; i++)
        {
            var roles = new List<string> { "all-staff" };
            roles.AddRange(extraRoles ?? []);
            Add(path, titles[i % titles.Length], manager, roles, i == 0 ? firstStaffId : null, i == 0 ? firstStaffName : null);
        }
    }

    private void Area(string path, AreaKind kind) =>
        _areas.Add(new AreaRow(_areas.Count + 2, path, kind.ToString().ToLowerInvariant()));

    /// <summary>Adds a person and returns their UPN, for their reports' managerUpn. <paramref name="alsoHolds"/> are roles held from the start, beside <paramref name="roles"/>.</summary>
    private string Add(
        string areaPath,
        string jobTitle,
        string? managerUpn,
        List<string> roles,
        PersonId? id = null,
        string? name = null,
        bool councillor = false,
        IReadOnlyList<string>? alsoHolds = null)
    {
        name ??= NewName(councillor);
        _names.Add(name);
        var upn = NewUpn(name);
        var day = _random.Next(0, 17 * 365);

        // A newly qualified social worker is in their assessed first year, so started this year (on the ASYE plan).
        var start = jobTitle.Contains("ASYE", StringComparison.Ordinal)
            ? AsyeIntake.AddDays(7 * (day % 25))
            : new DateOnly(2008, 1, 1).AddDays(day);
        var rolesText = string.Join(';', roles.Select((r, i) => i == 0 && roles.Count > 1 && r != "all-staff" && _random.Next(3) == 0
            ? $"{r}@{start.AddDays(_random.Next(200, 900)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : r).Concat(alsoHolds ?? []));
        _people.Add(new PersonRow(
            _people.Count + 2,
            (id ?? NewId()).Value,
            upn,
            name,
            jobTitle,
            rolesText,
            areaPath,
            managerUpn ?? string.Empty,
            start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return upn;
    }

    private string NewName(bool councillor)
    {
        while (true)
        {
            var name = $"{FirstNames[_random.Next(FirstNames.Length)]} {Surnames[_random.Next(Surnames.Length)]}";
            name = councillor ? "Cllr " + name : name;
            if (!_names.Contains(name))
            {
                return name;
            }
        }
    }

    private string NewUpn(string name)
    {
        var local = string.Join('.', name.Replace("Cllr ", "cllr ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        var upn = $"{local}@{Domain}";
        for (var n = 2; !_upns.Add(upn); n++)
        {
            upn = $"{local}{n}@{Domain}";
        }

        return upn;
    }

    private PersonId NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new PersonId(new Guid(bytes).ToString("D"));
    }
}
