using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace WganService.Gan.Export.Onnx;

/// <summary>
/// Collects one ONNX graph (its input, weights as initializers, nodes and output) in ONNX's own message
/// types, generated from the published onnx.proto, and wraps it in a model. Every value is named after
/// what makes it: a node's output after its module's path ("fc", "conv.3"), a weight after its
/// state_dict name ("conv.3.weight"), so a graph reads like the module it came from.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The operator set the graph's nodes are written against (ONNX 1.12's).</summary>
    public const long Opset = 17;

    /// <summary>The batch dimension's name: dynamic, the same N on the input and the output.</summary>
    public const string BatchDimension = "N";

    // The IR version ONNX 1.12 released opset 17 with (IR_VERSION_2021_7_30): every runtime that
    // reads opset 17 reads it, and nothing the graph uses needs a later one.
    private const long IrVersion = 8;

    private readonly GraphProto _graph;

    public OnnxGraphBuilder(string name) => _graph = new GraphProto { Name = name };

    /// <summary>Declares a float32 graph input of shape [N, ..shape].</summary>
    public string Input(string name, params IEnumerable<int> shape)
    {
        _graph.Input.Add(FloatValue(name, shape));
        return name;
    }

    /// <summary>Renames <paramref name="value"/> (the last node's output) to <paramref name="name"/> and declares it the graph's
    /// float32 output of shape [N, ..shape].</summary>
    public void Output(string value, string name, IEnumerable<int> shape)
    {
        var last = _graph.Node[^1];
        if (last.Output[0] != value)
            throw new InvalidOperationException($"The graph's output must be its last node's ('{last.Output[0]}'), not '{value}'.");
        last.Output[0] = name;
        _graph.Output.Add(FloatValue(name, shape));
    }

    /// <summary>A float32 weight, copied from <paramref name="tensor"/> as it is now.</summary>
    public string Weight(string name, Tensor tensor)
    {
        if (tensor.dtype != ScalarType.Float32)
            throw new NotSupportedException($"'{name}' is {tensor.dtype}; the export writes float32 weights only.");
        // ONNX raw_data is little-endian, and the bytes are copied from memory as they are.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX export needs a little-endian host.");
        using var scope = NewDisposeScope();
        var initializer = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        initializer.Dims.AddRange(tensor.shape);
        initializer.RawData = ByteString.CopyFrom(tensor.detach().cpu().contiguous().bytes);
        _graph.Initializer.Add(initializer);
        return name;
    }

    /// <summary>An int64 constant (shapes, slice bounds, axes), as a 1-D initializer.</summary>
    public string Int64s(string name, params long[] values)
    {
        var initializer = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        initializer.Dims.Add(values.Length);
        initializer.Int64Data.AddRange(values);
        _graph.Initializer.Add(initializer);
        return name;
    }

    /// <summary>Adds a node named <paramref name="name"/> whose single output is named the same.</summary>
    /// <returns>The output's name.</returns>
    public string Node(string opType, string name, IEnumerable<string> inputs, params IEnumerable<AttributeProto> attributes)
    {
        if (_graph.Node.Any(n => n.Name == name)) throw new InvalidOperationException($"Two nodes named '{name}'.");
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return name;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>
    /// The graph as a model of the default ONNX domain at <see cref="Opset"/>, with <paramref name="metadata"/> as metadata_props.
    /// </summary>
    public ModelProto ToModel(string docString, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "WganService",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.AddRange(metadata.Select(m => new StringStringEntryProto { Key = m.Key, Value = m.Value }));
        return model;
    }

    private static ValueInfoProto FloatValue(string name, IEnumerable<int> shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        tensorShape.Dim.AddRange(shape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape },
            },
        };
    }
}
