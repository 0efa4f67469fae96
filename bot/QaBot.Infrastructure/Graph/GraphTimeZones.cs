using NodaTime.TimeZones;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Outlook's name for the council's time zone. Graph accepts Windows zone names everywhere (IANA names only on some
/// calls), so events are written as "GMT Standard Time" for Europe/London, from the CLDR mapping NodaTime carries.
/// </summary>
internal static class GraphTimeZones
{
    public static string WindowsName(string ianaZone)
    {
        var mapping = TzdbDateTimeZoneSource.Default.WindowsMapping;
        foreach (var zone in mapping.MapZones.Where(z => z.Territory == "001"))
        {
            if (zone.TzdbIds.Contains(ianaZone, StringComparer.Ordinal))
            {
                return zone.WindowsId;
            }
        }

        var canonical = TzdbDateTimeZoneSource.Default.CanonicalIdMap.TryGetValue(ianaZone, out var id) ? id : ianaZone;
        foreach (var zone in mapping.MapZones)
        {
            if (zone.TzdbIds.Contains(canonical, StringComparer.Ordinal))
            {
                return zone.WindowsId;
            }
        }

        return ianaZone;
    }
}
