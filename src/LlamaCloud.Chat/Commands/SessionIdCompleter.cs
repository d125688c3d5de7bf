using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Completes session ids from the list API, by prefix, with the title as tooltip. Only when a key is
    /// configured; results are cached briefly; any failure or slowness completes nothing, silently.
    /// </summary>
    public sealed class SessionIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);
        private static readonly TimeSpan CacheFailureFor = TimeSpan.FromSeconds(20);
        private const int MaxSessions = 500;
        private static readonly object Gate = new object();
        private static string? _cacheKey;
        private static DateTime _cachedAt;
        private static List<ChatSession>? _cached;

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var sessions = Sessions(fakeBoundParameters);
            var results = new List<CompletionResult>();
            foreach (var s in sessions)
            {
                if (!s.SessionId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                var text = s.SessionId.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '|', '@', '#' }) >= 0
                    ? "'" + s.SessionId.Replace("'", "''") + "'" : s.SessionId;
                var tip = string.IsNullOrEmpty(s.GeneratedTitle) ? s.SessionId : s.GeneratedTitle!;
                results.Add(new CompletionResult(text, s.SessionId, CompletionResultType.ParameterValue, tip));
            }
            return results;
        }

        private static List<ChatSession> Sessions(IDictionary fakeBoundParameters)
        {
            var endpoint = CompleterConnection.Endpoint(fakeBoundParameters);
            if (endpoint == null) return new List<ChatSession>();
            var key = CacheKey(endpoint);
            lock (Gate)
            {
                if (_cached != null && _cacheKey == key && DateTime.UtcNow - _cachedAt < (_cached.Count == 0 ? CacheFailureFor : CacheFor)) return _cached;
            }
            var list = new List<ChatSession>();
            try
            {
                var settings = new RequestSettings { Timeout = Budget, MaximumRetryCount = 0, Proxy = endpoint.Proxy };
                var api = new ChatApi(new LlamaCloudClient(endpoint, settings, SilentLog.Instance));
                using var cts = new CancellationTokenSource(Budget);
                string? token = null;
                do
                {
                    var page = api.ListAsync(100, token, cts.Token).GetAwaiter().GetResult();
                    list.AddRange(page.Items);
                    token = page.NextPageToken;
                }
                while (token != null && list.Count < MaxSessions);
            }
            catch (Exception)
            {
                // A completer must never throw or print. Remember the failure briefly, so that a server that hangs
                // does not cost every Tab press the whole budget again.
                lock (Gate)
                {
                    _cacheKey = key;
                    _cachedAt = DateTime.UtcNow;
                    _cached = new List<ChatSession>();
                }
                return list;
            }
            lock (Gate)
            {
                _cacheKey = key;
                _cachedAt = DateTime.UtcNow;
                _cached = list;
            }
            return list;
        }

        /// <summary>
        /// One cache entry per endpoint, project, key and runspace: one key's sessions are never offered to another
        /// key, nor one runspace's to another. The key enters only as a hash.
        /// </summary>
        internal static string CacheKey(Endpoint endpoint)
        {
            string keyHash;
            using (var sha = System.Security.Cryptography.SHA256.Create())
                keyHash = Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(endpoint.ApiKey.Reveal())));
            var runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId.ToString() ?? "-";
            return endpoint.BaseUri + "|" + endpoint.OrganizationId + "|" + endpoint.ProjectId + "|" + keyHash + "|" + runspace;
        }

        private sealed class SilentLog : IClientLog
        {
            internal static readonly SilentLog Instance = new SilentLog();
            public void Verbose(string message) { }
            public void Debug(string message) { }
        }
    }
}
