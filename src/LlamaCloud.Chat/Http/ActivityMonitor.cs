using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// What a command's requests are doing right now that may take a while: downloads (with bytes received) and waits the
    /// server asked for (with the time left). Written from any thread; the cmdlet reads a snapshot on the pipeline thread
    /// and shows the ones older than a second as progress records, so long waits are visible without -Verbose.
    /// </summary>
    internal sealed class ActivityMonitor
    {
        internal static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
        private static readonly Stopwatch Clock = Stopwatch.StartNew();
        private readonly object _gate = new object();
        private readonly List<Activity> _active = new List<Activity>();
        private int _nextId;

        /// <summary>One thing in progress. Dispose it when it ends.</summary>
        internal sealed class Activity : IDisposable
        {
            private readonly ActivityMonitor _owner;
            private readonly Func<long>? _bytes;
            private readonly long? _total;
            private readonly TimeSpan _startedAt;
            private readonly TimeSpan? _until;

            internal Activity(ActivityMonitor owner, int id, string title, Func<long>? bytes, long? total, TimeSpan? duration, string service)
            {
                Service = service;
                _owner = owner;
                Id = id;
                Title = title;
                _bytes = bytes;
                _total = total > 0 ? total : null;
                _startedAt = Clock.Elapsed;
                if (duration.HasValue) _until = _startedAt + duration.Value;
            }

            internal int Id { get; }
            internal string Title { get; }
            /// <summary>Who is being waited for or downloaded from: "LlamaCloud", or "the OTLP receiver".</summary>
            internal string Service { get; }
            internal bool IsWait => _until.HasValue;
            internal TimeSpan Age => Clock.Elapsed - _startedAt;
            internal TimeSpan? Duration => _until - _startedAt;
            internal int SecondsRemaining => _until.HasValue ? (int)Math.Ceiling(Math.Max(0, (_until.Value - Clock.Elapsed).TotalSeconds)) : -1;

            /// <summary>"1,234,567 of 6,900,000 bytes (17%)", "1,234,567 bytes received" (no Content-Length), or "retrying in 3 s".</summary>
            internal string Status
            {
                get
                {
                    if (IsWait) return Messages.RetryingIn(SecondsRemaining);
                    var received = _bytes?.Invoke() ?? 0;
                    var percent = PercentOf(received);
                    return percent >= 0
                        ? Messages.BytesOf(received, _total!.Value, percent)
                        : Messages.BytesReceived(received);
                }
            }

            /// <summary>How much of a download with a known length has arrived, 0-100; -1 when the length is not known
            /// (no Content-Length, a compressed body) or the body outgrew it.</summary>
            internal int PercentComplete => IsWait ? -1 : PercentOf(_bytes?.Invoke() ?? 0);

            /// <summary>For a download of known length: the seconds left at the rate so far; -1 when not known.</summary>
            internal int DownloadSecondsRemaining
            {
                get
                {
                    if (IsWait || _total == null) return -1;
                    var received = _bytes?.Invoke() ?? 0;
                    var seconds = Age.TotalSeconds;
                    if (received <= 0 || received > _total.Value || seconds <= 0) return -1;
                    return (int)Math.Ceiling((_total.Value - received) / (received / seconds));
                }
            }

            private int PercentOf(long received) =>
                _total is long total && received <= total ? (int)(received * 100 / total) : -1;

            /// <summary>Worth showing: a download running over a second, or a wait of over a second.</summary>
            internal bool Visible => IsWait ? Duration > ShowAfter : Age > ShowAfter;

            public void Dispose() => _owner.Remove(this);
        }

        /// <summary>A download: shown with the bytes received once it has run over a second, and with its total, percentage
        /// and time left when <paramref name="totalBytes"/> (the response's Content-Length) is known.</summary>
        internal Activity Download(string title, Func<long> bytesReceived, long? totalBytes = null) => Add(title, bytesReceived, totalBytes, null, "LlamaCloud");

        /// <summary>A wait the server asked for (Retry-After): shown counting down when it is over a second.</summary>
        internal Activity Wait(string title, TimeSpan duration, string service = "LlamaCloud") => Add(title, null, null, duration, service);

        /// <summary>The activities now in progress (a copy).</summary>
        internal List<Activity> Snapshot()
        {
            lock (_gate) return new List<Activity>(_active);
        }

        private Activity Add(string title, Func<long>? bytes, long? total, TimeSpan? duration, string service)
        {
            lock (_gate)
            {
                var a = new Activity(this, _nextId++ % 64, title, bytes, total, duration, service);
                _active.Add(a);
                return a;
            }
        }

        private void Remove(Activity a)
        {
            lock (_gate) _active.Remove(a);
        }
    }
}
