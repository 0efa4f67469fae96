using QaBot.Application.Delivery;
using QaBot.Core.Organisation;

namespace QaBot.Application.Reminders;

/// <summary>
/// One person's digest from a reminder run: which run, who, and the local date the digest is composed as of. It
/// carries no names or items: the sender composes the digest from current data, so anything done since the run is left
/// out. Digests travel on the queue several to a message (<see cref="DigestBundle"/>).
/// </summary>
public sealed record DigestMessage(string RunId, PersonId Person, DateOnly AsOf)
{
    public DigestKey Key => new(RunId, Person);
}
