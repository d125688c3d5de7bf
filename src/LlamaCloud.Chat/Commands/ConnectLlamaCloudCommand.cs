using System;
using System.Management.Automation;
using System.Security;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Remembers the LlamaCloud API key, region or base URI, organization and project for this PowerShell session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "LlamaCloud", DefaultParameterSetName = "Region")]
    [OutputType(typeof(LlamaCloudConnectionInfo))]
    public sealed class ConnectLlamaCloudCommand : PSCmdlet, IDisposable
    {
        private readonly System.Threading.CancellationTokenSource _stop = new System.Threading.CancellationTokenSource();

        /// <summary>The API key: a SecureString, a PSCredential (its password is the key; the user name is not used), or a plain string.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; } = new SecureString();

        /// <summary>The region: NA (https://api.cloud.llamaindex.ai) or EU (https://api.cloud.eu.llamaindex.ai). Without
        /// -Region or -BaseUri the connection keeps no base URI: LLAMA_CLOUD_BASE_URL, else NA, applies as before.</summary>
        [Parameter(ParameterSetName = "Region")]
        [ValidateSet("NA", "EU", IgnoreCase = true)]
        public string? Region { get; set; }

        /// <summary>A base URI instead of a region (a proxy, a private deployment, or the local emulator).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "BaseUri")]
        [ValidateNotNullOrEmpty]
        public string BaseUri { get; set; } = string.Empty;

        /// <summary>Sent as organization_id with every request.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        /// <summary>Sent as project_id with every request.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProjectId { get; set; }

        /// <summary>A proxy for every request of this connection (loopback included), instead of the platform's settings.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy; kept with the connection. Needs -Proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the current user. Needs -Proxy.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Connect directly, ignoring the platform's proxy settings.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>Makes one cheap authenticated request (the first session of the project) before keeping the
        /// connection, and fails there and then if LlamaCloud rejects the key (401) or cannot be reached.</summary>
        [Parameter]
        public SwitchParameter Validate { get; set; }

        /// <summary>Seconds -Validate waits for LlamaCloud. Default 30.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        /// <summary>Write what the next command will use (as Get-LlamaCloudConnection shows it; of the key only its last 4 characters) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ApiKey.Length == 0)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(Messages.KeyEmpty(Messages.ApiKeySubject)), ErrorIds.ApiKeyMissing, ErrorCategory.InvalidArgument, null));
            }
            Uri? uri = null;
            string? uriSource = null;
            ProxySettings proxy;
            try
            {
                proxy = ProxyResolver.Resolve(Proxy, ProxyCredential, ProxyUseDefaultCredentials, NoProxy, ProxySettings.Platform);
                if (ParameterSetName == "BaseUri")
                {
                    uri = OptionsResolver.ParseBaseUri(BaseUri);
                    uriSource = "Connect-LlamaCloud -BaseUri";
                }
                else if (Region != null)
                {
                    var region = Region.ToUpperInvariant();
                    uri = new Uri(region == "EU" ? LlamaCloudOptions.EuBaseUri : LlamaCloudOptions.DefaultBaseUri);
                    uriSource = "Connect-LlamaCloud -Region " + region;
                }
                // Neither: the connection keeps no base URI, so LLAMA_CLOUD_BASE_URL (or the default) still applies.
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, UriText.MaskUserInfo(BaseUri)));
                return;
            }
            var key = ApiKey.Copy();
            key.MakeReadOnly();
            var connection = new LlamaCloudConnection(key, uri, uriSource, OrganizationId, ProjectId, proxy);
            var log = new ConnectLog(this);
            LlamaCloudConnectionInfo info;
            LlamaCloudOptions? options = null;
            try
            {
                // The same rules as a request: a key that cannot be sent, or a base URI that cannot be used, fails now.
                info = LlamaCloudConnectionInfo.Of(connection);
                var apiKey = Connection.ApiKey.From(key)!;
                ApiKeyFormat.Check(apiKey.Reveal(), "Connect-LlamaCloud -ApiKey");
                if (Validate)
                {
                    options = OptionsResolver.Resolve(null, null, null, null, connection);
                    ConnectionValidator.Validate(this, new LlamaCloudClient(options, log), TimeoutSec, _stop.Token);
                }
            }
            catch (LlamaCloudException ex)
            {
                log.Flush();
                // Nothing is kept: a connection that failed validation must not serve the next command.
                ThrowTerminatingError(ErrorRecords.From(ex, uri ?? options?.BaseUri));
                return;
            }
            log.Flush();
            if (Validate) WriteVerbose(Messages.KeyAccepted(info.BaseUri));
            LlamaCloudConnection.Current = connection;
            WriteVerbose(Messages.Connected(info.BaseUri, info.BaseUriSource, ProjectId, info.Proxy));
            if (PassThru) WriteObject(info);
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose() => _stop.Dispose();

        /// <summary>-Validate's request log: verbose lines are collected and written once the request is done.</summary>
        private sealed class ConnectLog : IClientLog
        {
            private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            private readonly Cmdlet _cmdlet;
            internal ConnectLog(Cmdlet cmdlet) { _cmdlet = cmdlet; }
            public void Verbose(string message) => _lines.Enqueue(message);
            public void Debug(string message) { }
            internal void Flush()
            {
                while (_lines.TryDequeue(out var line)) _cmdlet.WriteVerbose(line);
            }
        }
    }
}
