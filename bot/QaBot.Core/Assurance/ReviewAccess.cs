using QaBot.Core.Organisation;

namespace QaBot.Core.Assurance;

/// <summary>
/// Who may read a review record, decided on the server: the reviewer, the reviewer's managers up the line, and the QA
/// team (the department roles). Never colleagues in other teams, and not the practitioner: they are told the learning
/// (<see cref="ReviewSettings.HideJudgementFromPractitioner"/>), not given the record.
/// </summary>
public static class ReviewAccess
{
    /// <param name="reviewerLine">The reviewer's managers, nearest first (<see cref="OrganisationChart.EscalationChain"/>).</param>
    public static bool MayRead(Person viewer, ReflectiveCaseReview review, IReadOnlyList<Person> reviewerLine, OrganisationPolicy policy, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(reviewerLine);
        ArgumentNullException.ThrowIfNull(policy);
        if (!viewer.Active)
        {
            return false;
        }

        return viewer.Id == review.Reviewer
            || reviewerLine.Any(m => m.Id == viewer.Id)
            || viewer.RolesOn(on).Any(policy.DepartmentRoles.Contains);
    }
}
