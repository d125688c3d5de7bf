using System.Management.Automation;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows what the next LlamaCloud command in this runspace would use: base URI, region, organization, project, proxy, and where the key comes from.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaCloudConnection")]
    [OutputType(typeof(LlamaCloudConnectionInfo))]
    public sealed class GetLlamaCloudConnectionCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var connection = LlamaCloudConnection.Current;
            var (key, keySource) = OptionsResolver.ResolveKey(null, connection);
            var (baseText, baseSource) = OptionsResolver.ResolveBaseUri(null, connection);
            System.Uri uri;
            try
            {
                uri = OptionsResolver.ParseBaseUri(baseText, baseSource);
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, null));
                return;
            }
            string? hint = null;
            if (key != null)
            {
                var secret = key.Reveal();
                hint = LlamaCloudConnectionInfo.Hint(secret);
            }
            else
            {
                WriteWarning($"No API key: pass -ApiKey, run Connect-LlamaCloud, or set the {OptionsResolver.ApiKeyVariable} environment variable.");
            }
            WriteObject(new LlamaCloudConnectionInfo(uri, baseSource, connection?.Region ?? LlamaCloudConnectionInfo.RegionOf(uri),
                connection?.OrganizationId, connection?.ProjectId, keySource, hint, OptionsResolver.ResolveProxy(connection)));
        }
    }
}
