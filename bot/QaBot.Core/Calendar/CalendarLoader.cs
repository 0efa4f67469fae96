using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using YamlDotNet.RepresentationModel;

namespace QaBot.Core.Calendar;

/// <summary>
/// Reads the council calendar from the text of its three files (<c>bank-holidays.yaml</c>, <c>school-terms.yaml</c>
/// and <c>council-years.yaml</c>, in the folder <c>Framework:CalendarDirectory</c> names). The format is described
/// in docs/calendar.md.
/// </summary>
public static partial class CalendarLoader
{
    public static CouncilCalendar Parse(string bankHolidaysYaml, string schoolTermsYaml, string councilYearsYaml, CalendarFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var (zone, financialStart, municipalStart) = ParseCouncilYears(councilYearsYaml, files.CouncilYears);
        var bankHolidays = ParseBankHolidays(bankHolidaysYaml, files.BankHolidays);
        var schoolYears = ParseSchoolTerms(schoolTermsYaml, files.SchoolTerms);
        return new CouncilCalendar(zone, bankHolidays, schoolYears, financialStart, municipalStart, files);
    }

    private static List<BankHolidayYear> ParseBankHolidays(string text, string file)
    {
        var yaml = new YamlData(file);
        var root = yaml.Root(text);
        yaml.OnlyKeys(root, string.Empty, "region", "years");
        var years = new List<BankHolidayYear>();
        var seen = new HashSet<DateOnly>();
        var list = yaml.Sequence(yaml.Required(root, "years", string.Empty), "years");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = YamlData.Index("years", i);
            var entry = yaml.Mapping(list.Children[i], path);
            yaml.OnlyKeys(entry, path, "year", "provisional", "note", "days");
            var year = yaml.RequiredInt(entry, "year", path);
            if (year is < 1900 or > 2999)
            {
                throw yaml.Error(entry, YamlData.Join(path, "year"), $"{year} is not a plausible year");
            }

            if (years.Any(y => y.Year == year))
            {
                throw yaml.Error(entry, YamlData.Join(path, "year"), $"{year} is listed twice");
            }

            var days = new List<BankHoliday>();
            var dayList = yaml.Sequence(yaml.Required(entry, "days", path), YamlData.Join(path, "days"));
            for (var d = 0; d < dayList.Children.Count; d++)
            {
                var dayPath = YamlData.Index(YamlData.Join(path, "days"), d);
                var day = yaml.Mapping(dayList.Children[d], dayPath);
                yaml.OnlyKeys(day, dayPath, "date", "name");
                var date = yaml.RequiredDate(day, "date", dayPath);
                if (date.Year != year)
                {
                    throw yaml.Error(day, YamlData.Join(dayPath, "date"), $"{date:yyyy-MM-dd} is not in {year}");
                }

                if (!seen.Add(date))
                {
                    throw yaml.Error(day, YamlData.Join(dayPath, "date"), $"{date:yyyy-MM-dd} is listed twice");
                }

                days.Add(new BankHoliday(date, yaml.RequiredString(day, "name", dayPath)));
            }

            if (days.Count == 0)
            {
                throw yaml.Error(entry, YamlData.Join(path, "days"), $"{year} has no bank holidays; every year in England and Wales has eight or more");
            }

            years.Add(new BankHolidayYear(year, days.OrderBy(d => d.Date).ToList(), yaml.OptionalBool(entry, "provisional", path), yaml.OptionalString(entry, "note", path)));
        }

        return years;
    }

    private static List<SchoolYear> ParseSchoolTerms(string text, string file)
    {
        var yaml = new YamlData(file);
        var root = yaml.Root(text);
        yaml.OnlyKeys(root, string.Empty, "authority", "years");
        var years = new List<SchoolYear>();
        var list = yaml.Sequence(yaml.Required(root, "years", string.Empty), "years");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = YamlData.Index("years", i);
            var entry = yaml.Mapping(list.Children[i], path);
            yaml.OnlyKeys(entry, path, "year", "provisional", "source", "halfTerms");
            var label = yaml.RequiredString(entry, "year", path);
            var match = SchoolYearLabel().Match(label);
            var startYear = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            if (!match.Success || SchoolYear.LabelFor(startYear) != label)
            {
                throw yaml.Error(entry, YamlData.Join(path, "year"), $"expected a school year such as 2025/26, found '{label}'");
            }

            if (years.Any(y => y.StartYear == startYear))
            {
                throw yaml.Error(entry, YamlData.Join(path, "year"), $"{label} is listed twice");
            }

            var provisional = yaml.OptionalBool(entry, "provisional", path);
            var schoolYearStart = new DateOnly(startYear, 9, 1);
            var schoolYearEnd = new DateOnly(startYear + 1, 8, 31);
            var halfTermsPath = YamlData.Join(path, "halfTerms");
            var halfTermList = yaml.Sequence(yaml.Required(entry, "halfTerms", path), halfTermsPath);
            if (halfTermList.Children.Count != 6)
            {
                throw yaml.Error(halfTermList, halfTermsPath, $"{label} has {halfTermList.Children.Count} half-terms; a school year has six (Autumn 1 to Summer 2)");
            }

            var halfTerms = new List<HalfTerm>();
            for (var h = 0; h < halfTermList.Children.Count; h++)
            {
                var htPath = YamlData.Index(halfTermsPath, h);
                var ht = yaml.Mapping(halfTermList.Children[h], htPath);
                yaml.OnlyKeys(ht, htPath, "name", "first", "last", "closures");
                var first = yaml.RequiredDate(ht, "first", htPath);
                var last = yaml.RequiredDate(ht, "last", htPath);
                if (last < first)
                {
                    throw yaml.Error(ht, YamlData.Join(htPath, "last"), $"{last:yyyy-MM-dd} is before the first day {first:yyyy-MM-dd}");
                }

                if (first < schoolYearStart || last > schoolYearEnd)
                {
                    throw yaml.Error(ht, htPath, $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd} is not inside the school year {label} (1 September to 31 August)");
                }

                if (halfTerms.Count > 0 && first <= halfTerms[^1].Last)
                {
                    throw yaml.Error(ht, YamlData.Join(htPath, "first"), $"{first:yyyy-MM-dd} overlaps or comes before the previous half-term, which ends {halfTerms[^1].Last:yyyy-MM-dd}");
                }

                var closures = new List<DateOnly>();
                if (YamlData.Find(ht, "closures") is { } closureNode)
                {
                    var closurePath = YamlData.Join(htPath, "closures");
                    foreach (var c in yaml.Sequence(closureNode, closurePath).Children)
                    {
                        var closure = yaml.Date(c, closurePath);
                        if (closure < first || closure > last)
                        {
                            throw yaml.Error(c, closurePath, $"{closure:yyyy-MM-dd} is outside the half-term {first:yyyy-MM-dd} to {last:yyyy-MM-dd}");
                        }

                        closures.Add(closure);
                    }
                }

                halfTerms.Add(new HalfTerm(label, h + 1, yaml.RequiredString(ht, "name", htPath), first, last, closures, provisional));
            }

            years.Add(new SchoolYear(label, startYear, halfTerms, provisional, yaml.OptionalString(entry, "source", path)));
        }

        return years;
    }

    private static (DateTimeZone Zone, int FinancialStart, int MunicipalStart) ParseCouncilYears(string text, string file)
    {
        var yaml = new YamlData(file);
        var root = yaml.Root(text);
        yaml.OnlyKeys(root, string.Empty, "timeZone", "financialYear", "municipalYear");
        var zoneId = yaml.OptionalString(root, "timeZone", string.Empty) ?? "Europe/London";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw yaml.Error(YamlData.Find(root, "timeZone")!, "timeZone", $"'{zoneId}' is not an IANA time zone id (Europe/London for England)");
        return (zone, StartMonth(yaml, root, "financialYear", 4), StartMonth(yaml, root, "municipalYear", 5));
    }

    private static int StartMonth(YamlData yaml, YamlMappingNode root, string key, int defaultMonth)
    {
        if (YamlData.Find(root, key) is not { } node)
        {
            return defaultMonth;
        }

        var map = yaml.Mapping(node, key);
        yaml.OnlyKeys(map, key, "startMonth");
        var month = yaml.RequiredInt(map, "startMonth", key);
        return month is >= 1 and <= 12
            ? month
            : throw yaml.Error(map, YamlData.Join(key, "startMonth"), $"{month} is not a month (1 to 12)");
    }

    [GeneratedRegex(@"^(\d{4})/(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex SchoolYearLabel();
}
