using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// The request lifecycle for one command, put together from its parts: the request's shape
    /// (<see cref="RequestSpec"/>), one attempt (<see cref="RequestAttempt"/>: send, map the status, read the body),
    /// the retry loop (<see cref="RetryLoop"/>), both following the chat API's rules (<see cref="ChatRules"/>).
    /// Endpoint methods live in ChatApi.
    /// </summary>
    internal sealed class LlamaCloudClient
    {
        private readonly LlamaCloudOptions _options;
        private readonly IClientLog _log;
        private readonly ChatRules _rules;
        private readonly RetryLoop _retries;
        private readonly RateGate _gate = new RateGate();

        internal LlamaCloudClient(LlamaCloudOptions options, IClientLog log)
        {
            _options = options;
            _log = log;
            var secret = options.ApiKey.Reveal(); // revealed once, checked once; also what Redact masks
            _rules = new ChatRules(options, secret);
            _retries = new RetryLoop(_gate, Credentials, log, _rules);
            // Such a key cannot go into a header; say so once, without the key, instead of failing every request.
            ApiKeyFormat.Check(secret, options.KeySource);
            if (!options.MaySendKey)
            {
                throw new LlamaCloudException(
                    Messages.UnencryptedKey(options.PlainTextHop),
                    ErrorIds.UnencryptedAuthentication, ErrorCategory.SecurityError);
            }
        }

        internal LlamaCloudOptions Options => _options;

        /// <summary>Where readers report what they see besides results (skipped stream messages).</summary>
        internal IClientLog Log => _log;

        /// <summary>Whether this client's key was accepted or rejected (401); after a rejection nothing more is sent.</summary>
        internal CredentialCheck Credentials { get; } = new CredentialCheck();

        /// <summary>Long downloads and waits of this client's requests, for the cmdlet's progress records.</summary>
        internal ActivityMonitor Activity
        {
            get => _gate.Monitor;
            set => _gate.Monitor = value; // requests held back by another's 429 show their wait too
        }

        internal Uri BuildUri(string relativePath, IEnumerable<KeyValuePair<string, string?>>? query = null)
        {
            var all = new List<KeyValuePair<string, string?>>();
            if (query != null) all.AddRange(query);
            all.Add(new KeyValuePair<string, string?>("organization_id", _options.OrganizationId));
            all.Add(new KeyValuePair<string, string?>("project_id", _options.ProjectId));
            return ChatApiPaths.Build(_options.BaseUri, relativePath, all);
        }

        /// <summary>
        /// Sends <paramref name="spec"/> and hands a successful response to <paramref name="readBody"/> within the
        /// same attempt, retrying by the request's own rules (<see cref="RetryRules"/>).
        /// </summary>
        internal Task<T> ExecuteAsync<T>(RequestSpec spec, Func<HttpResponseMessage, AttemptContext, Task<T>> readBody,
            CancellationToken cancellationToken)
        {
            var attempt = new RequestAttempt(spec, _rules, _options.Timeout, _options.Proxy, _log);
            return _retries.RunAsync(spec, (n, described, credential) => attempt.RunAsync(n, described, credential, readBody, cancellationToken), cancellationToken);
        }

        /// <summary>Masks the key, and any bearer token, in text that came from the other side.</summary>
        internal string? Redact(string? text) => _rules.Redact(text);
    }
}
