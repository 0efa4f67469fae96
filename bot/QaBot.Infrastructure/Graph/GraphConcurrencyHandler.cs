namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Keeps at most a fixed number of requests to Graph in flight from this process. Outlook allows an app four
/// concurrent requests per mailbox; everything QaBot sends shares these slots. It sits below the retry handler, so a
/// request waiting out a Retry-After does not hold a slot.
/// </summary>
internal sealed class GraphConcurrencyHandler : DelegatingHandler
{
    private readonly SemaphoreSlim _slots;

    public GraphConcurrencyHandler(int maxConcurrent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Content is not null)
            {
                // The slot is held until the body has arrived, so "in flight" means the whole exchange.
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        finally
        {
            _slots.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }

        base.Dispose(disposing);
    }
}
