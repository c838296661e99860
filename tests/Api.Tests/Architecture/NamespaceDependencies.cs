using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace WganService.Api.Tests.Architecture;

/// <summary>
/// Which of the service's namespaces each of its namespaces uses, read from a compiled assembly's
/// metadata without loading it: base types, interfaces, attributes, field, property, event and method
/// signatures, locals, and every type, method and field token in the method bodies. (Types named
/// only inside attribute arguments, such as typeof in an attribute, are not counted.)
/// </summary>
internal static class NamespaceDependencies
{
    public const string Prefix = "WganService.";

    public static void AddTo(IDictionary<string, HashSet<string>> graph, string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var names = new TypeNamespaces(reader);
        var uses = new TypeUses(reader, names, pe);
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = names.Of(handle);
            if (!from.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            if (!graph.TryGetValue(from, out var used)) graph[from] = used = [];
            used.UnionWith(uses.Of(handle).Where(to => to != from && to.StartsWith(Prefix, StringComparison.Ordinal)));
        }
    }

    /// <summary>Everything a type definition mentions, as namespaces (with repeats).</summary>
    private sealed class TypeUses(MetadataReader reader, TypeNamespaces names, PEReader pe)
    {
        public List<string> Of(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var found = new List<string>();
            if (!type.BaseType.IsNil) found.AddRange(Entity(type.BaseType));
            foreach (var i in type.GetInterfaceImplementations()) found.AddRange(Entity(reader.GetInterfaceImplementation(i).Interface));
            found.AddRange(Attributes(type.GetCustomAttributes()));
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                found.AddRange(field.DecodeSignature(names, null));
                found.AddRange(Attributes(field.GetCustomAttributes()));
            }
            foreach (var p in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(p);
                found.AddRange(Signature(property.DecodeSignature(names, null)));
                found.AddRange(Attributes(property.GetCustomAttributes()));
            }
            foreach (var e in type.GetEvents()) found.AddRange(Entity(reader.GetEventDefinition(e).Type));
            foreach (var m in type.GetMethods()) found.AddRange(Method(reader.GetMethodDefinition(m)));
            return found;
        }

        private List<string> Method(MethodDefinition method)
        {
            var found = new List<string>(Signature(method.DecodeSignature(names, null)));
            found.AddRange(Attributes(method.GetCustomAttributes()));
            if (method.RelativeVirtualAddress == 0) return found;
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
                found.AddRange(reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null).SelectMany(l => l));
            foreach (var token in IlTokens.Of(body)) found.AddRange(Entity(MetadataTokens.EntityHandle(token)));
            return found;
        }

        private IEnumerable<string> Attributes(CustomAttributeHandleCollection attributes) =>
            attributes.SelectMany(a => Entity(reader.GetCustomAttribute(a).Constructor));

        private static IEnumerable<string> Signature(MethodSignature<string[]> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

        private IEnumerable<string> Entity(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => [names.Of((TypeDefinitionHandle)handle)],
            HandleKind.TypeReference => [names.Of((TypeReferenceHandle)handle)],
            HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(names, null),
            HandleKind.MethodDefinition => [names.Of(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType())],
            HandleKind.FieldDefinition => [names.Of(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())],
            HandleKind.MemberReference => MemberReference(reader.GetMemberReference((MemberReferenceHandle)handle)),
            HandleKind.MethodSpecification => MethodSpecification(reader.GetMethodSpecification((MethodSpecificationHandle)handle)),
            _ => [],
        };

        private IEnumerable<string> MemberReference(MemberReference member) =>
            Entity(member.Parent).Concat(member.GetKind() == MemberReferenceKind.Method
                ? Signature(member.DecodeMethodSignature(names, null))
                : member.DecodeFieldSignature(names, null));

        private IEnumerable<string> MethodSpecification(MethodSpecification method) =>
            Entity(method.Method).Concat(method.DecodeSignature(names, null).SelectMany(a => a));
    }
}
