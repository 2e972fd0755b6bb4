import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The JAIN-SIP RI alone as a UAS, a baseline of bench/sip-rate.sh: the same RI build and stack properties as the
 * gateway (the wrapper bundle's processors and logger, taken from the assembly) doing the same SIP as a call to the
 * benchmark's hang-up flow (100 Trying, 200 OK with an SDP answer, and on the ACK a BYE in the dialog), answered on
 * the stack's own threads, with nothing else: no routing, flow, media, recording or metrics. What the gateway costs
 * beyond this is Switchboard's; this much is the RI's.
 *
 * <pre>
 * java -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider \
 *     -cp &lt;jain-sip bundle&gt;:&lt;util bundle&gt;:&lt;logging bundle&gt; bench/RiUas.java &lt;port&gt;
 * </pre>
 *
 * Prints "ready" once listening; runs until killed, then prints the calls answered and the BYEs answered 200.
 */
public final class RiUas implements SipListener {

    private static final String SDP = "v=0\r\no=ri 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final ContactHeader contact;
    private final ContentTypeHeader sdpType;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong byesDone = new AtomicLong();

    private RiUas(SipProvider provider, SipFactory factory, int port) throws Exception {
        this.provider = provider;
        this.messages = factory.createMessageFactory();
        this.headers = factory.createHeaderFactory();
        AddressFactory addresses = factory.createAddressFactory();
        this.contact = headers.createContactHeader(
                addresses.createAddress(addresses.createSipURI("ri", "127.0.0.1:" + port)));
        this.sdpType = headers.createContentTypeHeader("application", "sdp");
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack = factory.createSipStack(properties());
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        SipProvider provider = stack.createSipProvider(lp);
        RiUas uas = new RiUas(provider, factory, port);
        provider.addSipListener(uas);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> System.out.println(
                        "answered " + uas.answered.get() + ", BYEs answered 200 " + uas.byesDone.get())));
        System.out.println("ready");
        Thread.currentThread().join();
    }

    /** The gateway's stack properties (bundles/sip StackProperties) at its defaults, TLS off. */
    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "ri-uas");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "org.switchboard.jainsip.internal.Slf4jStackLogger");
        p.setProperty(
                "gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
                "org.switchboard.jainsip.internal.LeanMessageProcessorFactory");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "10000");
        p.setProperty(
                "gov.nist.javax.sip.TIMER_CLASS_NAME", "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        p.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "2");
        return p;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> invite(request, event.getServerTransaction());
                case Request.ACK -> bye(event.getDialog());
                case Request.BYE -> reply(request, event.getServerTransaction());
                default -> {}
            }
        } catch (TransactionAlreadyExistsException retransmission) {
            // the stack answers a retransmitted INVITE from its transaction
        } catch (Exception e) {
            System.err.println(request.getMethod() + ": " + e);
        }
    }

    private void invite(Request invite, ServerTransaction existing) throws Exception {
        if (((ToHeader) invite.getHeader(ToHeader.NAME)).getTag() != null) {
            return;
        }
        ServerTransaction tx = existing != null ? existing : provider.getNewServerTransaction(invite);
        tx.sendResponse(messages.createResponse(Response.TRYING, invite));
        Dialog dialog = provider.getNewDialog(tx);
        Response ok = messages.createResponse(Response.OK, invite, sdpType, SDP.getBytes());
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(Long.toHexString(System.nanoTime()));
        ok.addHeader(contact);
        tx.sendResponse(ok);
        answered.incrementAndGet();
        if (dialog == null) {
            System.err.println("no dialog");
        }
    }

    private void bye(Dialog dialog) throws Exception {
        if (dialog == null) {
            return;
        }
        ClientTransaction ct = provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
        dialog.sendRequest(ct);
    }

    private void reply(Request request, ServerTransaction tx) throws Exception {
        ServerTransaction st = tx != null ? tx : provider.getNewServerTransaction(request);
        st.sendResponse(messages.createResponse(Response.OK, request));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        if (response.getStatusCode() == Response.OK && event.getClientTransaction() != null) {
            byesDone.incrementAndGet();
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {}

    @Override
    public void processIOException(IOExceptionEvent event) {}

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}
}
