using QaBot.Conversations.Cards;
using QaBot.Conversations.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Conversations.Greeting;

/// <summary>
/// The card a person gets when they install QaBot: who QaBot thinks they are (their roles) and what it will remind
/// them about, how often, in the framework's words.
/// </summary>
public sealed class GreetingCardBuilder
{
    private readonly FrameworkCatalogue _catalogue;
    private readonly OrganisationPolicy _policy;
    private readonly SchedulePolicy _schedule;

    public GreetingCardBuilder(FrameworkCatalogue catalogue, OrganisationPolicy policy, SchedulePolicy schedule)
    {
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
    }

    /// <summary>Who hears about an overdue item: a line manager for staff; for an elected member, member support or nobody.</summary>
    private string EscalationNote(Person person, DateOnly today)
    {
        var after = UkDates.Count(_schedule.EscalateToLineManagerAfterWorkingDays, "working day");
        if (!_policy.IsMember(person, today))
        {
            return $"If something becomes overdue, your line manager hears about it after {after}.";
        }

        return _policy.MemberSupportUpn is null
            ? "If something becomes overdue, I'll keep it on your list until you record it: nobody else is told."
            : $"If something becomes overdue, the council's member support officer sees it after {after}, to help you catch up.";
    }

    public AdaptiveCard Build(Person person, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(person);
        var roles = person.RolesOn(today).Select(_catalogue.FindRole).OfType<Role>().ToList();
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Hello {person.DisplayName}, I'm QaBot", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = "I help you keep up with the council's Quality & Performance Framework. When one of your duties is due, I'll send you a card: " +
                    "you can mark it done, reschedule it, or say it doesn't apply this time, straight from the card.",
                Wrap = true,
            },
            new TextBlock
            {
                Text = EscalationNote(person, today),
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.Small,
            },
        };

        if (roles.Count == 0)
        {
            body.Add(new TextBlock
            {
                Text = "QaBot's staff list doesn't give you a role from the framework yet, so there is nothing to remind you about.",
                Wrap = true,
                Spacing = Spacing.Medium,
            });
        }
        else
        {
            body.Add(new TextBlock { Text = roles.Count == 1 ? "Your role" : "Your roles", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true });
            body.Add(new TextBlock { Text = string.Join('\r', roles.Select(r => "- " + r.Name)), Wrap = true, Spacing = Spacing.Small });
            foreach (var role in roles)
            {
                body.Add(RoleDuties(role));
            }
        }

        body.Add(new TextBlock { Text = "Ask me", Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = Spacing.Large, Wrap = true });
        body.Add(new TextBlock { Text = string.Join('\r', Questions(person, today).Select(q => "- " + q)), Wrap = true, Spacing = Spacing.Small });
        return new AdaptiveCard
        {
            Body = body,
            FallbackText = $"Hello {person.DisplayName}, I'm QaBot: I'll remind you when your Quality & Performance Framework duties are due.",
            MsTeams = new TeamsCardOptions { Width = "Full" },
        };
    }

    /// <summary>The questions a person can ask, with the overdue question only for those who lead or monitor an area.</summary>
    public IReadOnlyList<string> Questions(Person person, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(person);
        var questions = new List<string>
        {
            "\"my tasks\": what is due or overdue for you, with buttons to record it",
            "\"due this week\": what falls due for you this week",
        };
        if (_policy.Leads(person, today))
        {
            questions.Add("\"what's overdue in my area\": overdue items in the area you lead (or name part of it: \"overdue in Chesterfield\")");
            questions.Add("\"how are we doing\": last month's on-time rate in your area, duty by duty");
        }

        if (_policy.Leads(person, today) || _policy.SeesDepartment(person, today))
        {
            questions.Add("\"themes this quarter\": reflective case reviews held in your line, their judgements, themes and actions");
            questions.Add("\"audits in progress\": the QA team's audits not yet closed, with cases recorded and moderated");
            questions.Add("\"learning days\": practice learning days held and planned, and the Executive Director's follow-up visits");
        }

        if (_catalogue.Duties.Any(d => d.FollowsProgramme && person.HoldsRole(d.RoleId, today)))
        {
            questions.Add("\"my programme\": your annual programme of visits or meetings, planned visit by visit and reminded in its month");
        }

        if (_policy.SeesDepartment(person, today))
        {
            questions.Add("\"arrange an audit\": a thematic or multi-agency audit, its cases given to the auditors as items");
        }
        else if (_policy.Monitors(person, today))
        {
            questions.Add("\"what's overdue\": overdue items by area and duty, as counts");
            questions.Add("\"how are we doing\": last month's on-time rate by duty, as counts");
        }

        if (person.RolesOn(today).Select(_catalogue.FindRole).OfType<Role>().SelectMany(r => r.Duties).Any(d => d.IsStatutory))
        {
            questions.Add("\"my cases\": your open cases with each next statutory deadline");
            questions.Add("\"review held for 12345 on 3 Dec\": record what happened in a case (case references only, never a name)");
        }

        questions.Add("\"log activity\": record an activity that has no set rhythm");
        questions.Add("\"record leave\": your leave, or leave of someone you manage, with who covers");
        questions.Add("\"help\": what I can do");
        return questions;
    }

    private static Container RoleDuties(Role role)
    {
        var lines = role.Duties.Select(d => $"- {DutyWording.Title(d)}: {DutyWording.HowOften(d)}").ToList();
        return new Container
        {
            Separator = true,
            Spacing = Spacing.Medium,
            Items =
            [
                new TextBlock { Text = $"As {role.Name}, I'll remind you about:", Weight = TextWeight.Bolder, Wrap = true },
                new TextBlock
                {
                    Text = lines.Count == 0 ? "Nothing: the framework gives this role no duties of its own." : string.Join('\r', lines),
                    Wrap = true,
                    Spacing = Spacing.Small,
                },
            ],
        };
    }
}
