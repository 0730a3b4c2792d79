#include "delivery/Mailer.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timestamp.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>

#include "core/Error.hpp"
#include "delivery/MimeHeader.hpp"

namespace delivery {

namespace {

using Poco::Net::Context;

void initSsl() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        // An explicit handler that refuses bad certificates, so Poco never looks for one in an
        // application configuration we do not have.
        Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject = new Poco::Net::RejectCertificateHandler(false);
        Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, nullptr);
    });
}

Context::Ptr makeContext(const SmtpSettings& s) {
    Context::Params p;
    p.caLocation = s.caFile;
    p.verificationMode = s.verify ? Context::VERIFY_RELAXED : Context::VERIFY_NONE;
    p.loadDefaultCAs = s.caFile.empty();
    Context::Ptr ctx = new Context(Context::TLS_CLIENT_USE, p);
    ctx->requireMinimumProtocol(Context::PROTO_TLSV1_2);
    return ctx;
}

// Poco keeps the socket of a session protected; STARTTLS needs to swap it for a TLS one
// that checks the certificate against the configured host name (Poco's own
// SecureSMTPClientSession checks against no name when it is built from a connected socket).
class SmtpClient : public Poco::Net::SMTPClientSession {
public:
    explicit SmtpClient(const Poco::Net::StreamSocket& s) : SMTPClientSession(s) {}
    void startTls(const std::string& host, Context::Ptr ctx) {
        std::string response;
        int status = sendCommand("STARTTLS", response);
        if (status / 100 != 2) throw MailError("the server refused STARTTLS: " + scrubAddresses(response));
        Poco::Net::SecureStreamSocket tls = Poco::Net::SecureStreamSocket::attach(socket(), host, ctx);
        tls.completeHandshake();
        socket() = tls;
    }

    // AUTH PLAIN (RFC 4616) or LOGIN. Poco's LOGIN compares the server's prompts with
    // "Username:" and "Password:" and silently sends nothing for any other wording (aiosmtpd
    // asks "User Name"), which leaves the session out of step; the prompts carry no meaning,
    // so we answer them in order.
    void authenticate(const std::string& method, const std::string& user, const std::string& password) {
        std::string response;
        int status;
        if (method == "plain") {
            status = sendCommand("AUTH PLAIN " + base64(std::string(1, '\0') + user + std::string(1, '\0') + password), response);
        } else {
            status = sendCommand("AUTH LOGIN", response);
            if (status == 334) status = sendCommand(base64(user), response);
            if (status == 334) status = sendCommand(base64(password), response);
        }
        if (status / 100 != 2) throw MailError("login as " + user + " refused: " + scrubAddresses(response));
    }

private:
    static std::string base64(const std::string& s) {
        std::ostringstream out;
        Poco::Base64Encoder enc(out);
        enc.rdbuf()->setLineLength(0);
        enc << s;
        enc.close();
        return out.str();
    }
};

std::string crlf(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') continue;
        if (text[i] == '\n') out += "\r\n";
        else out += text[i];
    }
    if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
    return out;
}

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\r' || c == '\n') c = ' ';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

}  // namespace

std::string scrubAddresses(const std::string& text) {
    static const std::regex address(R"(<?[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+>?)");
    return std::regex_replace(oneLine(text), address, "<address>");
}

std::string composeMessage(const OutgoingMail& m) {
    Poco::Net::MailMessage msg;
    msg.setDate(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(m.date)));
    msg.set("From", formatAddressList({m.from}, 6));
    if (!m.to.empty()) msg.set("To", formatAddressList(m.to, 4));
    if (!m.cc.empty()) msg.set("Cc", formatAddressList(m.cc, 4));
    msg.set("Subject", encodeHeaderText(m.subject, 9));
    msg.set("Message-ID", m.messageId);
    msg.set("X-Evalreport-Delivery", encodeHeaderText(m.deliveryId, 23));
    msg.set("Auto-Submitted", "auto-generated");  // RFC 3834: no vacation replies to a robot
    msg.addContent(new Poco::Net::StringPartSource(crlf(m.body), "text/plain; charset=UTF-8"),
                   Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    msg.addAttachment(m.attachmentName, new Poco::Net::StringPartSource(m.attachment, "application/pdf", m.attachmentName),
                      Poco::Net::MailMessage::ENCODING_BASE64);
    std::ostringstream out;
    msg.write(out);
    return out.str();
}

std::string smtpPassword(const SmtpSettings& s) {
    if (s.user.empty() || s.auth == "none") return {};
    if (!s.passwordEnv.empty()) {
        const char* v = std::getenv(s.passwordEnv.c_str());
        if (!v) throw core::Error(s.where, "the environment variable " + s.passwordEnv + " is not set", "set it to the SMTP password");
        return v;
    }
    std::ifstream in(s.passwordFile, std::ios::binary);
    if (!in) throw core::Error({s.passwordFile}, "cannot read the SMTP password file", "check the path and its permissions");
    std::string pw;
    std::getline(in, pw);
    while (!pw.empty() && (pw.back() == '\r' || pw.back() == '\n')) pw.pop_back();
    return pw;
}

class Mailer::Session {
public:
    std::unique_ptr<SmtpClient> client;
};

Mailer::Mailer(const SmtpSettings& settings, std::string password) : settings_(settings), password_(std::move(password)) {}

Mailer::~Mailer() { quit(); }

void Mailer::connect() {
    const std::string server = settings_.host + ":" + std::to_string(settings_.port);
    try {
        Poco::Timespan timeout(settings_.timeoutSeconds, 0);
        Poco::Net::SocketAddress address(settings_.host, static_cast<Poco::UInt16>(settings_.port));
        auto s = std::make_unique<Session>();
        Context::Ptr ctx;
        if (settings_.security != "none") {
            initSsl();
            ctx = makeContext(settings_);
        }
        if (settings_.security == "tls") {
            Poco::Net::SecureStreamSocket socket(ctx);
            socket.setPeerHostName(settings_.host);
            socket.connect(address, timeout);
            socket.completeHandshake();
            s->client = std::make_unique<SmtpClient>(socket);
        } else {
            Poco::Net::StreamSocket socket;
            socket.connect(address, timeout);
            s->client = std::make_unique<SmtpClient>(socket);
        }
        s->client->setTimeout(timeout);
        const std::string helo = settings_.helo.empty() ? Poco::Net::DNS::hostName() : settings_.helo;
        s->client->login(helo);
        if (settings_.security == "starttls") {
            s->client->startTls(settings_.host, ctx);
            s->client->login(helo);  // EHLO again: the server's offer changes under TLS
        }
        if (!settings_.user.empty() && settings_.auth != "none") s->client->authenticate(settings_.auth, settings_.user, password_);
        session_ = std::move(s);
    } catch (const MailError& e) {
        throw MailError("SMTP server " + server + ": " + e.what());
    } catch (const Poco::Net::SMTPException& e) {  // greeting, EHLO or AUTH refused
        throw MailError("SMTP server " + server + " refused us: " + scrubAddresses(e.displayText()));
    } catch (const Poco::Exception& e) {
        throw MailError("cannot reach SMTP server " + server + ": " + scrubAddresses(e.displayText()));
    }
}

SendResult Mailer::send(const OutgoingMail& m,
                        const std::function<void(const std::vector<std::pair<std::string, std::string>>&)>& beforeData) {
    SendResult r;
    if (!session_) {
        r.reason = "not connected";
        return r;
    }
    SmtpClient& c = *session_->client;
    auto classify = [&](int status, const std::string& response) {
        r.kind = status / 100 == 5 ? SendResult::Permanent : SendResult::Transient;
        r.reason = scrubAddresses(response);  // Poco's response starts with the status code
        if (r.reason.rfind(std::to_string(status), 0) != 0) r.reason = std::to_string(status) + " " + r.reason;
    };
    auto reset = [&] {
        std::string ignored;
        c.sendCommand("RSET", ignored);
    };
    try {
        std::string response;
        int status = c.sendCommand("MAIL FROM:<" + m.from.address + ">", response);
        if (status / 100 != 2) {
            classify(status, response);
            reset();
            return r;
        }
        for (const auto& address : m.envelope) {
            status = c.sendCommand("RCPT TO:<" + address + ">", response);
            if (status / 100 == 2) r.accepted.push_back(address);
            else if (status / 100 == 5) r.rejected.emplace_back(address, oneLine(response));
            else r.deferred.emplace_back(address, oneLine(response));
        }
        if (r.accepted.empty()) {
            reset();
            r.kind = SendResult::NoneAccepted;
            return r;
        }
        if (beforeData) beforeData(r.rejected);
        status = c.sendCommand("DATA", response);
        if (status != 354) {
            classify(status, response);
            reset();
            return r;
        }
        std::istringstream in(composeMessage(m));
        try {
            c.sendMessage(in);
        } catch (const Poco::Net::SMTPException& e) {
            classify(e.code(), e.message());
            return r;
        }
        r.kind = SendResult::Accepted;
        return r;
    } catch (const Poco::Exception& e) {
        // The connection is gone or out of step: drop it; the caller reconnects or stops.
        session_.reset();
        r.kind = SendResult::Transient;
        r.reason = "connection lost: " + scrubAddresses(e.displayText());
        return r;
    }
}

void Mailer::quit() noexcept {
    if (!session_) return;
    try {
        session_->client->close();
    } catch (...) {
        // QUIT is a courtesy; the server drops the connection either way.
    }
    session_.reset();
}

}  // namespace delivery
