using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace WganService.Api.Tests.Architecture;

/// <summary>
/// The namespaces a type signature mentions (the type itself and its generic arguments), decoded from
/// metadata. A nested type counts as its outermost type's namespace, where the compiler puts lambdas,
/// async state machines and the like.
/// </summary>
internal sealed class TypeNamespaces(MetadataReader reader) : ISignatureTypeProvider<string[], object?>
{
    public string Of(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? reader.GetString(type.Namespace) : Of(declaring);
    }

    public string Of(TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? Of((TypeReferenceHandle)type.ResolutionScope)
            : reader.GetString(type.Namespace);
    }

    public string[] GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => [Of(handle)];
    public string[] GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => [Of(handle)];

    public string[] GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        r.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string[] GetGenericInstantiation(string[] genericType, ImmutableArray<string[]> typeArguments) =>
        [.. genericType, .. typeArguments.SelectMany(a => a)];

    public string[] GetFunctionPointerType(MethodSignature<string[]> signature) =>
        [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];

    public string[] GetSZArrayType(string[] elementType) => elementType;
    public string[] GetArrayType(string[] elementType, ArrayShape shape) => elementType;
    public string[] GetByReferenceType(string[] elementType) => elementType;
    public string[] GetPointerType(string[] elementType) => elementType;
    public string[] GetPinnedType(string[] elementType) => elementType;
    public string[] GetModifiedType(string[] modifier, string[] unmodifiedType, bool isRequired) => unmodifiedType;
    public string[] GetGenericMethodParameter(object? genericContext, int index) => [];
    public string[] GetGenericTypeParameter(object? genericContext, int index) => [];
    public string[] GetPrimitiveType(PrimitiveTypeCode typeCode) => [];
}
