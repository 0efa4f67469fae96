using CsCheck;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Testing.Data;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

/// <summary>Properties over random roles, windows and dates within the shipped calendar data (September 2025 to July 2028).</summary>
[Trait("Category", "Fast")]
public sealed class ScheduleEnginePropertyTests
{
    private static readonly DateOnly DataFrom = new(2025, 9, 1);
    private static readonly DateOnly DataTo = new(2028, 7, 31);
    private static readonly CouncilCalendar Calendar = SampleFramework.Calendar;
    private static readonly ScheduleEngine Engine = new(SampleFramework.Catalogue, Calendar, SchedulePolicy.Default);
    private static readonly RoleId[] Roles = [.. SampleFramework.Catalogue.Roles.Select(r => r.Id)];

    private static readonly Gen<PersonId> GenPerson = Gen.Guid.Select(g => new PersonId(g.ToString("D")));

    private static readonly Gen<(RoleHolding Holding, DateOnly From, DateOnly To)> GenCase =
        Gen.Select(
            Gen.Int[0, Roles.Length - 1],
            GenPerson,
            GenPerson.List[0, 4],
            Gen.DateOnly[DataFrom, DataTo],
            Gen.Int[0, 400],
            Gen.DateOnly[new DateOnly(2024, 1, 1), DataTo])
        .Select((role, person, reports, from, length, since) =>
        {
            var to = from.AddDays(length) > DataTo ? DataTo : from.AddDays(length);
            return (new RoleHolding(person, Roles[role], since, reports.Distinct().ToList()), from, to);
        });

    [Fact]
    public void OccurrencesFor_AnyRoleAndWindow_DueOnWorkingDaysInsideTheWindowAndAfterTheStart() =>
        GenCase.Sample(c =>
        {
            foreach (var o in Engine.OccurrencesFor(c.Holding, c.From, c.To))
            {
                Assert.True(Calendar.IsWorkingDay(o.Due), $"{o.Id} is due on {o.Due:ddd yyyy-MM-dd}, not a working day");
                Assert.InRange(o.Due, c.From, c.To);
                Assert.True(o.Due >= c.Holding.Since, $"{o.Id} is due before the role started");
                Assert.True(o.WindowFrom >= c.Holding.Since && o.WindowFrom <= o.Due && o.Due <= o.WindowTo, $"{o.Id} window {o.WindowFrom}..{o.WindowTo}");
            }
        }, iter: 300);

    [Fact]
    public void OccurrencesFor_AnyRoleAndWindow_RemindersAtNineLocalOnWorkingDaysNoLaterThanDue() =>
        GenCase.Sample(c =>
        {
            foreach (var o in Engine.OccurrencesFor(c.Holding, c.From, c.To))
            {
                Assert.NotEmpty(o.RemindAt);
                Assert.Equal(Calendar.ToInstant(o.Due, new TimeOnly(9, 0)), o.RemindAt[^1]);
                foreach (var instant in o.RemindAt)
                {
                    Assert.Equal(TimeSpan.Zero, instant.Offset);
                    var local = Calendar.ToLocalTime(instant);
                    Assert.Equal(new TimeSpan(9, 0, 0), local.TimeOfDay);
                    Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)));
                    Assert.True(DateOnly.FromDateTime(local.DateTime) <= o.Due);
                }
            }
        }, iter: 300);

    [Fact]
    public void ToInstant_AnyDateNearAClockChange_IsNineLocalWithTheRightOffset()
    {
        DateOnly[] changes = [new(2025, 3, 30), new(2025, 10, 26), new(2026, 3, 29), new(2026, 10, 25), new(2027, 3, 28), new(2027, 10, 31), new(2028, 3, 26), new(2028, 10, 29)];
        Gen.Select(Gen.Int[0, changes.Length - 1], Gen.Int[-14, 14]).Sample((i, offset) =>
        {
            var date = changes[i].AddDays(offset);
            var instant = Calendar.ToInstant(date, new TimeOnly(9, 0));
            var summer = changes[i].Month == 3 ? offset >= 0 : offset < 0;
            Assert.Equal(new DateTimeOffset(date.Year, date.Month, date.Day, summer ? 8 : 9, 0, 0, TimeSpan.Zero), instant);
            Assert.Equal(9, Calendar.ToLocalTime(instant).Hour);
        });
    }

    [Fact]
    public void OccurrencesFor_FixedCadencesOverAWholeYear_GiveTheCountPromised()
    {
        var cadences = new Rhythm[]
        {
            FixedRhythm.Of(FixedCadence.Monthly), FixedRhythm.Of(FixedCadence.EveryTwoMonths), FixedRhythm.Of(FixedCadence.Quarterly),
            FixedRhythm.Of(FixedCadence.TwiceYearly), FixedRhythm.Of(FixedCadence.Yearly), FixedRhythm.Of(FixedCadence.TwiceMonthly),
        };
        var expected = new[] { 12, 6, 4, 2, 1, 24 };
        Gen.Select(Gen.Int[0, cadences.Length - 1], Gen.Int[2025, 2028], Gen.Int[0, 2], Gen.Int[0, 3]).Sample((i, year, basisIndex, ruleIndex) =>
        {
            var basis = (YearBasis)basisIndex;
            var rule = new[] { "last-working-day", "first-working-day", "day-of-period:15", "day-of-period:1" }[ruleIndex];
            var councilYear = Calendar.YearStarting(basis, year);
            if (councilYear.End > new DateOnly(2028, 11, 30) || councilYear.Start < new DateOnly(2024, 2, 1))
            {
                return;
            }

            var count = CountInYear(cadences[i], basis, rule, councilYear);
            Assert.Equal(expected[i], count);
            Assert.Equal(cadences[i].PerYear, count);
        });
    }

    [Fact]
    public void OccurrencesFor_NPerYearAndProgrammes_GiveNSpreadEvenly() =>
        Gen.Select(Gen.Int[1, 52], Gen.Int[2025, 2027], Gen.Bool).Sample((n, year, programme) =>
        {
            Rhythm rhythm = programme ? new ProgrammeRhythm("visits", n) : new FixedRhythm(FixedCadence.TimesPerYear, n);
            var councilYear = Calendar.YearStarting(YearBasis.Calendar, year);
            var occurrences = OccurrencesInYear(rhythm, YearBasis.Calendar, "last-working-day", councilYear);

            Assert.Equal(n, occurrences.Count);
            var gaps = occurrences.Zip(occurrences.Skip(1), (a, b) => b.WindowFrom.DayNumber - a.WindowFrom.DayNumber).ToList();
            Assert.All(gaps, g => Assert.InRange(g, (365 / n) - 4, (366 / n) + 4));
        });

    [Fact]
    public void OccurrencesFor_HalfTermly_ExactlyOnePerHalfTermOnATermDayAndNoneInHolidays() =>
        Gen.Int[2025, 2027].Sample(startYear =>
        {
            var schoolYear = Calendar.SchoolYearStarting(startYear);
            var director = new RoleHolding(new PersonId("00000000-0000-4000-8000-000000000001"), SampleFramework.DirectorSchools, new DateOnly(2024, 1, 1), []);
            var meetings = Engine.OccurrencesFor(director, schoolYear.Start, schoolYear.End)
                .Where(o => o.DutyId == SampleFramework.CmeLineOfSight).ToList();

            Assert.Equal(6, meetings.Count);
            foreach (var halfTerm in schoolYear.HalfTerms)
            {
                var inHalfTerm = Assert.Single(meetings, o => halfTerm.Contains(o.Due));
                Assert.True(Calendar.IsTermDay(inHalfTerm.Due));
                Assert.Equal(halfTerm.Provisional, inHalfTerm.Provisional);
            }
        });

    [Fact]
    public void OccurrencesFor_HalfTermlyInAnyWindow_NeverDueInTheHolidays() =>
        GenCase.Sample(c =>
        {
            var director = c.Holding with { Role = SampleFramework.DirectorSchools };
            foreach (var o in Engine.OccurrencesFor(director, c.From, c.To).Where(o => o.DutyId != new DutyId("director-schools-future-shape")))
            {
                Assert.True(Calendar.IsTermDay(o.Due), $"{o.Id} is due on {o.Due:yyyy-MM-dd}, which is not a term day");
                Assert.NotEqual(8, o.Due.Month);
            }
        }, iter: 200);

    [Fact]
    public void OccurrencesFor_MonthlyInTermTime_ElevenAYearAndNoneInAugust() =>
        Gen.Int[2025, 2027].Sample(startYear =>
        {
            var schoolYear = Calendar.SchoolYearStarting(startYear);
            var director = new RoleHolding(new PersonId("00000000-0000-4000-8000-000000000001"), SampleFramework.DirectorSchools, new DateOnly(2024, 1, 1), []);
            var meetings = Engine.OccurrencesFor(director, schoolYear.Start, schoolYear.End)
                .Where(o => o.DutyId == SampleFramework.ParentCarerVoice).ToList();

            Assert.Equal(11, meetings.Count);
            Assert.DoesNotContain(meetings, o => o.Due.Month == 8);
            Assert.Equal(11, meetings.Select(o => o.Due.Month).Distinct().Count());
        });

    [Fact]
    public void OccurrencesFor_SameInputsTwice_SameIdsAndSafeStorageKeys() =>
        GenCase.Sample(c =>
        {
            var first = Engine.OccurrencesFor(c.Holding, c.From, c.To);
            var again = new ScheduleEngine(SampleFramework.Catalogue, ShippedData.LoadCalendar(), SchedulePolicy.Default)
                .OccurrencesFor(c.Holding with { DirectReports = [.. c.Holding.DirectReports] }, c.From, c.To);

            Assert.Equal(first.Select(o => o.Id), again.Select(o => o.Id));
            Assert.Equal(first.Count, first.Select(o => o.Id).Distinct().Count());
            Assert.All(first, o =>
            {
                Assert.True(o.Id.Value.Length <= OccurrenceId.MaxLength);
                Assert.DoesNotContain(o.Id.Value, ch => ch is '/' or '\\' or '#' or '?' || char.IsControl(ch));
                Assert.StartsWith(o.DutyId.Value + ".", o.Id.Value, StringComparison.Ordinal);
                Assert.Contains(o.PersonId.Value, o.Id.Value, StringComparison.Ordinal);
            });
        }, iter: 50);

    private static int CountInYear(Rhythm rhythm, YearBasis basis, string rule, CouncilYear year) =>
        OccurrencesInYear(rhythm, basis, rule, year).Count;

    /// <summary>The occurrences whose period lies in the year, however far a due date has moved.</summary>
    private static List<Occurrence> OccurrencesInYear(Rhythm rhythm, YearBasis basis, string rule, CouncilYear year)
    {
        var duty = new Duty(new DutyId("probe-duty"), new RoleId("probe"), "Probe", "Probe", "probe", rhythm, false, new SourceRow("3.0", "Probe", 1), []);
        var catalogue = new FrameworkCatalogue([new Role(new RoleId("probe"), "Probe", [duty])], [], []);
        var options = new QaBot.Application.Configuration.ScheduleOptions();
        options.Duties["probe-duty"] = new QaBot.Application.Configuration.DutyScheduleOptions { Due = rule, Year = basis };
        var engine = new ScheduleEngine(catalogue, Calendar, options.ToPolicy());
        var holding = new RoleHolding(new PersonId("00000000-0000-4000-8000-000000000001"), new RoleId("probe"), new DateOnly(2024, 1, 1), []);
        return engine.OccurrencesFor(holding, year.Start.AddDays(-20), year.End.AddDays(20))
            .Where(o => PeriodInYear(o.Id.Value.Split('.')[1], year))
            .ToList();
    }

    /// <summary>Month keys ("2026-03", "2026-03a") name their month; every other key starts with its year's key.</summary>
    private static bool PeriodInYear(string key, CouncilYear year)
    {
        if (key.Length >= 7 && DateOnly.TryParseExact(key[..7] + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var month))
        {
            return month >= year.Start && month <= year.End;
        }

        var yearKey = year.Basis switch
        {
            YearBasis.Calendar => year.Label,
            YearBasis.Financial => "fy" + year.Label.Replace('/', '-'),
            _ => "my" + year.Label.Replace('/', '-'),
        };
        return key == yearKey || key.StartsWith(yearKey + "-", StringComparison.Ordinal);
    }
}
