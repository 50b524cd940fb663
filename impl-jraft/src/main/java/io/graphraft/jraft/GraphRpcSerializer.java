package io.graphraft.jraft;

import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.DefaultCustomSerializer;
import com.alipay.remoting.InvokeContext;
import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.exception.SerializationException;
import com.alipay.remoting.rpc.RequestCommand;
import com.alipay.remoting.rpc.ResponseCommand;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;

/**
 * Puts {@link GraphRequest} and {@link GraphResponse} on bolt's wire as their own byte frames, so
 * client traffic needs neither Hessian (bolt's default, reflective, and in need of
 * {@code --add-opens} on newer JDKs for some types) nor generated protobuf classes. jraft does the
 * same for its own protobuf messages; bolt looks serializers up by the request's class name, JVM-wide.
 */
final class GraphRpcSerializer extends DefaultCustomSerializer {

    static {
        GraphRpcSerializer serializer = new GraphRpcSerializer();
        CustomSerializerManager.registerCustomSerializer(GraphRequest.class.getName(), serializer);
        CustomSerializerManager.registerCustomSerializer(GraphResponse.class.getName(), serializer);
    }

    private GraphRpcSerializer() {
    }

    /** Registers the serializer with bolt (once per JVM); both ends must call this before any request travels. */
    static void register() {
        // the static initializer does the work
    }

    @Override
    public <T extends RequestCommand> boolean serializeContent(T request, InvokeContext context)
            throws SerializationException {
        RpcRequestCommand command = (RpcRequestCommand) request;
        command.setContent(((GraphRequest) command.getRequestObject()).toBytes());
        return true;
    }

    @Override
    public <T extends RequestCommand> boolean deserializeContent(T request) throws DeserializationException {
        RpcRequestCommand command = (RpcRequestCommand) request;
        try {
            command.setRequestObject(GraphRequest.fromBytes(command.getContent()));
        } catch (IllegalArgumentException e) {
            throw new DeserializationException(e.getMessage(), e);
        }
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean serializeContent(T response) throws SerializationException {
        RpcResponseCommand command = (RpcResponseCommand) response;
        command.setContent(((GraphResponse) command.getResponseObject()).toBytes());
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean deserializeContent(T response, InvokeContext context)
            throws DeserializationException {
        RpcResponseCommand command = (RpcResponseCommand) response;
        try {
            command.setResponseObject(GraphResponse.fromBytes(command.getContent()));
        } catch (IllegalArgumentException e) {
            throw new DeserializationException(e.getMessage(), e);
        }
        return true;
    }
}
