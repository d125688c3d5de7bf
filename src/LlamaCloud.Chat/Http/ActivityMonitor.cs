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
            private readonly TimeSpan _startedAt;
            private readonly TimeSpan? _until;

            internal Activity(ActivityMonitor owner, int id, string title, Func<long>? bytes, TimeSpan? duration, string service)
            {
                Service = service;
                _owner = owner;
                Id = id;
                Title = title;
                _bytes = bytes;
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

            /// <summary>"1,234,567 bytes received" or "retrying in 3 s".</summary>
            internal string Status => IsWait
                ? $"retrying in {SecondsRemaining.ToString(CultureInfo.InvariantCulture)} s"
                : $"{(_bytes?.Invoke() ?? 0).ToString("N0", CultureInfo.InvariantCulture)} bytes received";

            /// <summary>Worth showing: a download running over a second, or a wait of over a second.</summary>
            internal bool Visible => IsWait ? Duration > ShowAfter : Age > ShowAfter;

            public void Dispose() => _owner.Remove(this);
        }

        /// <summary>A download: shown with the bytes received once it has run over a second.</summary>
        internal Activity Download(string title, Func<long> bytesReceived) => Add(title, bytesReceived, null, "LlamaCloud");

        /// <summary>A wait the server asked for (Retry-After): shown counting down when it is over a second.</summary>
        internal Activity Wait(string title, TimeSpan duration, string service = "LlamaCloud") => Add(title, null, duration, service);

        /// <summary>The activities now in progress (a copy).</summary>
        internal List<Activity> Snapshot()
        {
            lock (_gate) return new List<Activity>(_active);
        }

        private Activity Add(string title, Func<long>? bytes, TimeSpan? duration, string service)
        {
            lock (_gate)
            {
                var a = new Activity(this, _nextId++ % 64, title, bytes, duration, service);
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
