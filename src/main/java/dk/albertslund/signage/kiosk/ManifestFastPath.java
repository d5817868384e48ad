package dk.albertslund.signage.kiosk;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Answers a known kiosk's manifest request straight from Netty, before Micronaut's
 * routing, filters and metrics, which cost more than the answer itself: the manifest
 * endpoint is polled by every kiosk and has to keep up with a static file server
 * (bench/manifest.sh). Only the case the controller would answer from memory anyway is
 * taken here: GET of exactly {@code /api/v1/kiosk/manifest} over HTTP/1.1, a device
 * token remembered by {@link DeviceAuthenticator}, a manifest held by {@link Manifests},
 * and either a matching If-None-Match (304) or no wish for a compressed body (200).
 * Everything else, including an unknown or revoked token, goes on to
 * {@link KioskManifestController} unchanged, so both answer alike. These answers are not
 * counted in the server's request metrics.
 *
 * <p>A response must not overtake one Micronaut is still working on for the same
 * connection (HTTP/1.1 pipelining), so the fast path only answers while none is pending.
 */
@Singleton
class ManifestFastPath implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String PATH = "/api/v1/kiosk/manifest";
    private static final AsciiString NO_CACHE = AsciiString.cached("no-cache");
    private static final AsciiString SERVER_TIME = AsciiString.cached(KioskManifestController.SERVER_TIME);

    private final DeviceAuthenticator devices;
    private final Manifests manifests;
    private final Clock clock;

    ManifestFastPath(DeviceAuthenticator devices, Manifests manifests, Clock clock) {
        this.devices = devices;
        this.manifests = manifests;
        this.clock = clock;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            // Plain HTTP/1.1 connections only: HTTP/2 streams carry other messages.
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "kiosk-manifest-fast-path",
                        new Handler());
            }
        }
    }

    /** One per connection. */
    private final class Handler extends ChannelDuplexHandler {
        /** Requests passed on to Micronaut whose responses have not been written completely yet. */
        private int pending;
        /** Dropping the rest of a request this handler has answered. */
        private boolean answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (answered) {
                answered = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                FullHttpResponse response = pending == 0 ? answer(request) : null;
                if (response != null) {
                    answered = !(msg instanceof LastHttpContent);
                    ReferenceCountUtil.release(msg);
                    if (HttpUtil.isKeepAlive(request)) {
                        ctx.writeAndFlush(response, ctx.voidPromise());
                    } else {
                        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    }
                    return;
                }
                pending++;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            // Only Micronaut's writes pass here; an interim 100 Continue is not the end of a response.
            if (msg instanceof LastHttpContent && pending > 0
                    && !(msg instanceof FullHttpResponse full && full.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
                pending--;
            }
            ctx.write(msg, promise);
        }
    }

    /** The answer the controller would give from memory, or null to let it answer. */
    private FullHttpResponse answer(HttpRequest request) {
        if (request.method() != HttpMethod.GET || request.protocolVersion() != HttpVersion.HTTP_1_1
                || !request.decoderResult().isSuccess() || !PATH.equals(request.uri())) {
            return null;
        }
        HttpHeaders headers = request.headers();
        KioskDevice device = devices.rememberedBearer(headers.get(HttpHeaderNames.AUTHORIZATION));
        Manifests.Built built = device == null ? null : manifests.cached(device.screenId());
        if (built == null) {
            return null;
        }
        FullHttpResponse response;
        if (KioskManifestController.matches(headers.get(HttpHeaderNames.IF_NONE_MATCH), built.etag())) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
        } else if (headers.contains(HttpHeaderNames.ACCEPT_ENCODING)) {
            // Micronaut compresses the body for clients that accept it.
            return null;
        } else {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(built.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        response.headers()
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.ETAG, built.etag())
                .set(HttpHeaderNames.CACHE_CONTROL, NO_CACHE)
                .set(SERVER_TIME, clock.instant().toString());
        return response;
    }
}
