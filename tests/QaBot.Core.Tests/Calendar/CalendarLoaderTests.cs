using QaBot.Core.Calendar;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Calendar;

[Trait("Category", "Fast")]
public sealed class CalendarLoaderTests
{
    private static readonly CalendarFiles Files = CalendarFiles.In("calendar");

    private const string Years = "timeZone: Europe/London\nfinancialYear:\n  startMonth: 4\nmunicipalYear:\n  startMonth: 5\n";

    private const string OneBankHolidayYear = """
        years:
          - year: 2026
            days:
              - { date: 2026-01-01, name: New Year's Day }
        """;

    [Fact]
    public void Load_ShippedData_HoldsBankHolidays2024To2028WithEightEach()
    {
        var calendar = SampleFramework.Calendar;

        Assert.Equal([2024, 2025, 2026, 2027, 2028], calendar.BankHolidayYears.Select(y => y.Year).Order());
        Assert.All(calendar.BankHolidayYears, y => Assert.Equal(8, y.Days.Count));
        Assert.True(calendar.BankHolidayYearOf(2028).Provisional);
        Assert.False(calendar.BankHolidayYearOf(2027).Provisional);
        Assert.Equal("Europe/London", calendar.Zone.Id);
    }

    [Fact]
    public void Load_ShippedData_Holds2025To26ConfirmedAndLaterYearsProvisional()
    {
        var calendar = SampleFramework.Calendar;

        var confirmed = calendar.SchoolYearStarting(2025);
        Assert.False(confirmed.Provisional);
        Assert.Equal(new DateOnly(2025, 9, 4), confirmed.HalfTerms[0].First);
        Assert.Equal(new DateOnly(2026, 7, 23), confirmed.HalfTerms[5].Last);
        Assert.Equal([new DateOnly(2026, 5, 4)], confirmed.HalfTerms[4].Closures);
        Assert.True(calendar.SchoolYearStarting(2026).Provisional);
        Assert.True(calendar.SchoolYearStarting(2027).Provisional);
        Assert.All(calendar.SchoolYears, y => Assert.Equal(6, y.HalfTerms.Count));
    }

    [Fact]
    public void Parse_HalfTermEndingBeforeItStarts_NamesFileLineAndField()
    {
        var terms = """
            years:
              - year: 2025/26
                halfTerms:
                  - { name: Autumn 1, first: 2025-09-04, last: 2025-10-24 }
                  - { name: Autumn 2, first: 2025-11-03, last: 2025-11-01 }
                  - { name: Spring 1, first: 2026-01-05, last: 2026-02-13 }
                  - { name: Spring 2, first: 2026-02-23, last: 2026-03-27 }
                  - { name: Summer 1, first: 2026-04-13, last: 2026-05-22 }
                  - { name: Summer 2, first: 2026-06-01, last: 2026-07-23 }
            """;

        var error = Assert.Throws<DataFileException>(() => CalendarLoader.Parse(OneBankHolidayYear, terms, Years, Files));

        Assert.Equal(Files.SchoolTerms, error.File);
        Assert.Equal(5, error.Line);
        Assert.Equal("years[0].halfTerms[1].last", error.Field);
        Assert.Contains("before the first day", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SchoolYearWithFiveHalfTerms_IsRefused()
    {
        var terms = """
            years:
              - year: 2025/26
                halfTerms:
                  - { name: Autumn 1, first: 2025-09-04, last: 2025-10-24 }
                  - { name: Autumn 2, first: 2025-11-03, last: 2025-12-19 }
                  - { name: Spring 1, first: 2026-01-05, last: 2026-02-13 }
                  - { name: Spring 2, first: 2026-02-23, last: 2026-03-27 }
                  - { name: Summer 1, first: 2026-04-13, last: 2026-07-23 }
            """;

        var error = Assert.Throws<DataFileException>(() => CalendarLoader.Parse(OneBankHolidayYear, terms, Years, Files));

        Assert.Contains("a school year has six", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("years:\n  - year: 2026\n    days:\n      - { date: 2027-01-01, name: X }\n", 4, "years[0].days[0].date", "is not in 2026")]
    [InlineData("years:\n  - year: 2026\n    days:\n      - { date: 2026-13-01, name: X }\n", 4, "years[0].days[0].date", "yyyy-MM-dd")]
    [InlineData("years:\n  - year: 2026\n    days:\n      - { date: 2026-01-01 }\n", 4, "years[0].days[0].name", "is required")]
    [InlineData("years:\n  - year: 2026\n    colour: red\n    days: []\n", 3, "years[0].colour", "unknown field")]
    [InlineData("years:\n  - year: 2026\n    days:\n      - { date: 2026-01-01, name: X }\n  - year: 2026\n    days:\n      - { date: 2026-12-25, name: Y }\n", 5, "years[1].year", "listed twice")]
    public void Parse_BadBankHolidays_NamesLineFieldAndProblem(string yaml, int line, string field, string problem)
    {
        var error = Assert.Throws<DataFileException>(() => CalendarLoader.Parse(yaml, "years: []", Years, Files));

        Assert.Equal(Files.BankHolidays, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTimeZone_IsRefused()
    {
        var error = Assert.Throws<DataFileException>(() => CalendarLoader.Parse(OneBankHolidayYear, "years: []", "timeZone: Europe/Derby\n", Files));

        Assert.Equal(Files.CouncilYears, error.File);
        Assert.Equal("timeZone", error.Field);
    }
}
