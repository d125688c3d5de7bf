using System;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// A 401 means the key is wrong for every input, so one command never sends it twice after a rejection.
    /// Until the server has answered one request with anything but 401, requests go one at a time (the first is
    /// the probe); once the key is accepted they run freely. After a 401, every later request fails at once with
    /// the same Unauthorized error, without being sent.
    /// </summary>
    internal sealed class CredentialCheck
    {
        private readonly SemaphoreSlim _probe = new SemaphoreSlim(1, 1);
        private volatile bool _accepted;
        private volatile LlamaCloudApiException? _rejected;

        /// <summary>True once the server has answered with a status other than 401.</summary>
        internal bool Accepted => _accepted;

        /// <summary>The first 401, once there was one.</summary>
        internal LlamaCloudApiException? Rejection => _rejected;

        /// <summary>
        /// Waits until this request may be sent. Throws the stored Unauthorized error when the key was rejected.
        /// Dispose the ticket when the attempt ends (it releases the probe if this request was it).
        /// </summary>
        internal async Task<Ticket> EnterAsync(string? sessionId, CancellationToken cancellationToken)
        {
            ThrowIfRejected(sessionId);
            if (_accepted) return new Ticket(this, false);
            await _probe.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_rejected != null || _accepted)
            {
                _probe.Release();
                ThrowIfRejected(sessionId);
                return new Ticket(this, false);
            }
            return new Ticket(this, true);
        }

        /// <summary>Remembers the first 401: no request of this client is sent after it.</summary>
        internal void Reject(LlamaCloudApiException failure)
        {
            if (_rejected == null) _rejected = failure;
        }

        private void ThrowIfRejected(string? sessionId)
        {
            var r = _rejected;
            if (r == null) return;
            throw new LlamaCloudApiException(r.Message, r.StatusCode, r.Detail, r.RequestId)
            {
                SessionId = sessionId,
                RequestUri = r.RequestUri,
                NotSent = true,
            };
        }

        /// <summary>One request's pass; releases the probe when the request was the probe.</summary>
        internal sealed class Ticket : IDisposable
        {
            private CredentialCheck? _owner;

            internal Ticket(CredentialCheck owner, bool holdsProbe)
            {
                _owner = holdsProbe ? owner : null;
            }

            /// <summary>The server answered with <paramref name="status"/>: any status but 401 proves the key, and the others may go.</summary>
            internal void Answered(int status)
            {
                if (status == 401 || _owner == null) return;
                _owner._accepted = true;
                Dispose();
            }

            public void Dispose()
            {
                var o = Interlocked.Exchange(ref _owner, null);
                o?._probe.Release();
            }
        }
    }
}
