using System;
using System.Management.Automation;
using System.Security;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Lets -ApiKey (and -RedactionKey) take a plain string as well as a SecureString (scripts often read keys from vaults as text).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>What the parameter holds, for the message about an empty value. Default: API key.</summary>
        public string Subject { get; set; } = "API key";

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            if (value is string s)
            {
                // An explicit empty key is a mistake, not a request to fall back to another key.
                if (string.IsNullOrWhiteSpace(s)) throw new ArgumentTransformationMetadataException("The " + Subject + " is empty.");
                return ToSecureString(s);
            }
            if (value is SecureString secure && secure.Length == 0) throw new ArgumentTransformationMetadataException("The " + Subject + " is empty.");
            return value;
        }

        internal static SecureString ToSecureString(string s)
        {
            var secure = new SecureString();
            foreach (var c in s) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
