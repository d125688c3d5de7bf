using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>What argument completers connect with: the connection and proxy parameters typed so far, as the command would resolve them.</summary>
    internal static class CompleterConnection
    {
        /// <summary>For argument completers: the connection parameters the user has typed so far.</summary>
        internal static LlamaCloudOptions? Options(IDictionary fakeBoundParameters)
        {
            try
            {
                var secure = SecureStringTransformationAttribute.ToKey(PSValue.Unwrap(fakeBoundParameters["ApiKey"]));
                var options = OptionsResolver.Resolve(secure, PSValue.AsString(fakeBoundParameters["BaseUri"]),
                    PSValue.AsString(fakeBoundParameters["OrganizationId"]), PSValue.AsString(fakeBoundParameters["ProjectId"]));
                options.Proxy = Proxy(fakeBoundParameters, options.Proxy);
                return options;
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>For argument completers: the proxy parameters typed so far, over <paramref name="fallback"/>.</summary>
        internal static ProxySettings Proxy(IDictionary bound, ProxySettings fallback)
        {
            var proxy = PSValue.Unwrap(bound["Proxy"]);
            var uri = proxy as Uri ?? (proxy is string s && Uri.TryCreate(s, UriKind.Absolute, out var parsed) ? parsed : null);
            return ProxyResolver.Resolve(uri, PSValue.Unwrap(bound["ProxyCredential"]) as PSCredential, IsSet(bound["ProxyUseDefaultCredentials"]),
                IsSet(bound["NoProxy"]), fallback);
        }

        private static bool IsSet(object? value) => PSValue.Unwrap(value) switch
        {
            SwitchParameter sw => sw.IsPresent,
            bool b => b,
            _ => false,
        };
    }
}
