using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Commands
{
    // The one place where async work is waited on: StopProcessing cancels everything in flight (Ctrl+C). Messages from
    // the client arrive on other threads; they are queued and written here, on the pipeline thread.
    /// <summary>
    /// Base of the cmdlets that talk to LlamaCloud: the connection parameters (-ApiKey, -BaseUri, -OrganizationId,
    /// -ProjectId, -TimeoutSec, -MaximumRetryCount and the proxy parameters). Ctrl+C stops every request in flight.
    /// </summary>
    public abstract class LlamaCloudCmdlet : PSCmdlet, IDisposable, IClientLog
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<(bool Verbose, string Text)> _messages = new ConcurrentQueue<(bool, string)>();
        private readonly AutoResetEvent _messageSignal = new AutoResetEvent(false);
        private ChatApi? _api;
        private readonly ActivityMonitor _activity = new ActivityMonitor();
        private ActivityProgress? _activityProgress;

        /// <summary>The API key. Accepts a SecureString or a plain string. Default: Connect-LlamaCloud's key, then
        /// the LLAMA_CLOUD_API_KEY (then LLAMA_PARSE_API_KEY) environment variable.</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>The API's base URI. Default: Connect-LlamaCloud's, then LLAMA_CLOUD_BASE_URL, then https://api.cloud.llamaindex.ai.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BaseUri { get; set; }

        /// <summary>Sent as the organization_id query parameter.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        /// <summary>Sent as the project_id query parameter.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProjectId { get; set; }

        /// <summary>Seconds each attempt may wait for the response to start, and for the body to make progress. Default 60; 0 waits forever.</summary>
        [Parameter]
        [ValidateRange(0, 2147483)]
        public int TimeoutSec { get; set; } = 60;

        /// <summary>Retries after a connection failure, timeout, 408, 409, 429 or 5xx. 0 = one attempt only. Default 2.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = 2;

        /// <summary>Allows sending the key over plain http to a host that is not loopback.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>A proxy for every request (loopback included), instead of the connection's or the platform's settings.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy (Basic, Digest, NTLM or Negotiate, whichever it asks for). Needs -Proxy here or on Connect-LlamaCloud.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the current user. Needs -Proxy here or on Connect-LlamaCloud.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Connect directly, ignoring the connection's and the platform's proxy settings.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        internal CancellationToken StopToken => _stop.Token;

        /// <summary>The API for this command, built on first use (reading files needs no key).</summary>
        internal ChatApi Api => _api ??= new ChatApi(CreateClient());

        /// <summary>
        /// The API to fetch more of <paramref name="session"/> with: the place it came from, unless this command was
        /// given its own connection parameters. So <c>Get-LlamaChatSession -BaseUri .. -ApiKey .. | Get-LlamaChatEvent</c> just works.
        /// </summary>
        internal ChatApi ApiFor(ChatSession session)
        {
            var own = MyInvocation.BoundParameters;
            var origin = SessionOrigins.Of(session);
            if (origin == null || own.ContainsKey(nameof(ApiKey)) || own.ContainsKey(nameof(BaseUri))
                || own.ContainsKey(nameof(OrganizationId)) || own.ContainsKey(nameof(ProjectId)))
                return Api;
            if (_sourceApis.TryGetValue(origin, out var api)) return api;
            var options = origin.Clone();
            try
            {
                ApplySettings(options, origin.Proxy);
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, Proxy));
                throw;
            }
            api = new ChatApi(new LlamaCloudClient(options, this) { Activity = _activity });
            _sourceApis[origin] = api;
            return api;
        }

        private readonly System.Collections.Generic.Dictionary<LlamaCloudOptions, ChatApi> _sourceApis =
            new System.Collections.Generic.Dictionary<LlamaCloudOptions, ChatApi>();

        /// <inheritdoc />
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Waits for <paramref name="task"/> while writing the client's verbose and debug messages as they come.</summary>
        internal T Await<T>(Task<T> task)
        {
            while (!task.IsCompleted)
            {
                // Wakes at least four times a second to show long downloads and waits (ReportActivity).
                WaitHandle.WaitAny(new[] { ((IAsyncResult)task).AsyncWaitHandle, _messageSignal }, 250);
                DrainMessages();
                ReportActivity();
            }
            DrainMessages();
            ReportActivity(force: true);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Shows downloads running over a second and waits over a second as progress records (pipeline thread only).</summary>
        internal void ReportActivity(bool force = false)
        {
            (_activityProgress ??= new ActivityProgress(this, _activity)).Report(force);
        }

        /// <summary>
        /// Writes one non-terminating error for a failed input; the pipeline goes on. A rejected key (401) is wrong for
        /// every input, so it ends the command instead, with one terminating error naming where the key came from.
        /// </summary>
        internal void WriteRequestError(Exception exception, object? target)
        {
            // A proxy that refuses us refuses every other input too.
            if (exception is LlamaCloudException { ErrorId: ErrorIds.ProxyAuthenticationRequired })
                ThrowTerminatingError(ErrorRecords.From(exception, target));
            if (IsUnauthorized(exception)) ThrowTerminatingError(ErrorRecords.From(exception, target));
            WriteError(ErrorRecords.From(exception, target));
        }

        /// <summary>True for a 401 (sent, or refused unsent after an earlier 401 of this command).</summary>
        internal static bool IsUnauthorized(Exception exception) =>
            exception is LlamaCloudException lc && lc.ErrorId == ErrorIds.Unauthorized;

        void IClientLog.Verbose(string message) => Enqueue(true, message);
        void IClientLog.Debug(string message) => Enqueue(false, message);

        private void Enqueue(bool verbose, string text)
        {
            _messages.Enqueue((verbose, text));
            _messageSignal.Set();
        }

        private void DrainMessages()
        {
            while (_messages.TryDequeue(out var m))
            {
                if (m.Verbose) WriteVerbose(m.Text);
                else WriteDebug(m.Text);
            }
        }

        private LlamaCloudClient CreateClient()
        {
            try
            {
                var options = OptionsResolver.Resolve(ApiKey, BaseUri, OrganizationId, ProjectId);
                options.AllowUnencryptedAuthentication = AllowUnencryptedAuthentication.IsPresent;
                ApplySettings(options, options.Proxy);
                return new LlamaCloudClient(options, this) { Activity = _activity };
            }
            catch (LlamaCloudException ex)
            {
                // Setup problems (no key, bad base URI, key over plain http): nothing can proceed.
                ThrowTerminatingError(ErrorRecords.From(ex, BaseUri == null ? null : UriText.MaskUserInfo(BaseUri)));
                throw;
            }
        }

        /// <summary>What this command's requests are doing (downloads, waits): shown by <see cref="ReportActivity"/>.</summary>
        internal ActivityMonitor Activity => _activity;

        /// <summary>
        /// The proxy for requests that do not go to LlamaCloud (the OTLP receiver): this command's -Proxy/-NoProxy, else
        /// Connect-LlamaCloud's proxy, else the platform's. Throws LlamaCloud.InvalidProxy for contradictory switches.
        /// </summary>
        internal ProxySettings ResolveProxy() =>
            ProxyResolver.Resolve(Proxy, ProxyCredential, ProxyUseDefaultCredentials, NoProxy, LlamaCloudConnection.Current?.ProxySettings ?? ProxySettings.Platform);

        /// <summary>This command's own request settings, whatever connection the options name.</summary>
        private void ApplySettings(LlamaCloudOptions options, ProxySettings proxyFallback)
        {
            options.Proxy = ProxyResolver.Resolve(Proxy, ProxyCredential, ProxyUseDefaultCredentials, NoProxy, proxyFallback);
            options.Timeout = TimeSpan.FromSeconds(TimeoutSec);
            options.MaximumRetryCount = MaximumRetryCount;
            options.UserAgent = UserAgent();
        }

        private string UserAgent()
        {
            var version = typeof(LlamaCloudCmdlet).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            string psVersion = "?", edition = "Desktop";
            if (SessionState?.PSVariable.GetValue("PSVersionTable") is Hashtable table)
            {
                psVersion = table["PSVersion"]?.ToString() ?? psVersion;
                edition = table["PSEdition"]?.ToString() ?? edition;
            }
            return $"LlamaCloud.Chat/{version} PowerShell/{psVersion} ({edition}; {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()})";
        }

        /// <summary>Called once when the command ends, however it ends, after in-flight work was cancelled.</summary>
        private protected virtual void OnDisposing()
        {
        }

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose()
        {
            // A downstream Select-Object -First ends this command without StopProcessing: cancel what is still
            // downloading, or the connection stays open behind a full event channel.
            _stop.Cancel();
            OnDisposing();
            _stop.Dispose();
            _messageSignal.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
