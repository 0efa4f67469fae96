using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Testing.Data;

namespace QaBot.Testing.Scheduling;

/// <summary>The framework catalogue and council calendar as shipped beside the program (Data/), with the default policy.</summary>
public static class ShippedFramework
{
    private static readonly Lazy<FrameworkCatalogue> LazyCatalogue = new(() =>
    {
        var result = ShippedData.LoadCatalogue();
        return result.IsValid ? result.Catalogue! : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    });

    public static FrameworkCatalogue Catalogue => LazyCatalogue.Value;

    public static CouncilCalendar Calendar => SampleFramework.Calendar;

    public static ScheduleRules Rules { get; } = new(SampleFramework.Calendar, SchedulePolicy.Default);

    public static DigestComposer Composer { get; } = new(Rules);

    public static Duty Duty(string id) => Catalogue.FindDuty(new DutyId(id)) ?? throw new ArgumentException($"The shipped catalogue has no duty {id}.", nameof(id));
}
