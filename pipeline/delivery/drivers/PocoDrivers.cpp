// The delivery drivers on Poco: Poco::Data sessions for the outbox (SQLite, PostgreSQL) and a
// Poco::Net SMTP client with STARTTLS or implicit TLS. Built into evalreport-delivery.so
// (see delivery/Drivers.hpp); the logic above the bytes stays in Database.cpp and Mailer.cpp.
#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
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
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>

#include <sqlite3.h>

#include <cstring>
#include <mutex>
#include <sstream>

#include "delivery/Drivers.hpp"
#include "delivery/MimeHeader.hpp"

namespace delivery {

namespace {

// ---- Outbox database -----------------------------------------------------------------------

void registerDataConnectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

class PocoDatabase : public DatabaseDriver {
public:
    PocoDatabase(const std::string& kind, const std::string& target) : sqlite_(kind == "sqlite") {
        registerDataConnectors();
        try {
            session_ = std::make_unique<Poco::Data::Session>(kind == "sqlite" ? "SQLite" : "PostgreSQL", target);
        } catch (const Poco::Exception& e) {
            throw DriverError(kind == "sqlite" ? e.displayText() : e.message());
        }
    }

    size_t exec(const std::string& sql, const std::vector<Database::Param>& params) override {
        try {
            Poco::Data::Statement st(*session_);
            prepare(st, sql, params);
            return st.execute();
        } catch (const Poco::Exception& e) {
            throw DriverError(e.displayText() + systemError());
        }
    }

    Database::Rows query(const std::string& sql, const std::vector<Database::Param>& params) override {
        Database::Rows out;
        try {
            Poco::Data::Statement st(*session_);
            prepare(st, sql, params);
            st.execute();
            Poco::Data::RecordSet rs(st);
            const size_t cols = rs.columnCount();
            for (size_t r = 0; r < rs.rowCount(); ++r) {
                std::vector<std::string> row(cols);
                for (size_t c = 0; c < cols; ++c)
                    if (!rs.isNull(c, r)) row[c] = rs.value(c, r).convert<std::string>();
                out.rows.push_back(std::move(row));
            }
        } catch (const Poco::Exception& e) {
            throw DriverError(e.displayText() + systemError());
        }
        return out;
    }

private:
    // Binds by reference: `params` outlives the statement's execution.
    static void prepare(Poco::Data::Statement& st, const std::string& sql, const std::vector<Database::Param>& params) {
        using Poco::Data::Keywords::bind;
        st << sql;
        for (const auto& p : params) {
            if (auto* s = std::get_if<std::string>(&p)) st, bind(*s);
            else st, bind(static_cast<Poco::Int64>(std::get<long long>(p)));
        }
    }
    // SQLite says "disk I/O error" for a full disk, a file size limit and a failing device
    // alike; the operating system's reason tells a person which ("File too large").
    std::string systemError() const {
        if (!sqlite_ || !session_) return "";
        sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(*session_);
        const int code = db ? sqlite3_extended_errcode(db) & 0xff : 0;
        const int err = db ? sqlite3_system_errno(db) : 0;
        if ((code != SQLITE_IOERR && code != SQLITE_FULL && code != SQLITE_CANTOPEN) || err == 0) return "";
        return " (" + std::string(std::strerror(err)) + ")";
    }
    bool sqlite_ = false;
    std::unique_ptr<Poco::Data::Session> session_;
};

// ---- SMTP ------------------------------------------------------------------------------------

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

std::string base64(const std::string& s) {
    std::ostringstream out;
    Poco::Base64Encoder enc(out);
    enc.rdbuf()->setLineLength(0);
    enc << s;
    enc.close();
    return out.str();
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
};

class PocoSmtp : public SmtpConnection {
public:
    explicit PocoSmtp(std::unique_ptr<SmtpClient> c) : client_(std::move(c)) {}
    int command(const std::string& line, std::string& response) override {
        try {
            return client_->sendCommand(line, response);
        } catch (const Poco::Exception& e) {
            throw DriverError(e.displayText());
        }
    }
    void sendMessage(const std::string& text) override {
        std::istringstream in(text);
        try {
            client_->sendMessage(in);
        } catch (const Poco::Net::SMTPException& e) {
            throw SmtpRefusal(e.code(), e.message());
        } catch (const Poco::Exception& e) {
            throw DriverError(e.displayText());
        }
    }
    void close() noexcept override {
        try {
            client_->close();
        } catch (...) {
            // QUIT is a courtesy; the server drops the connection either way.
        }
    }

private:
    std::unique_ptr<SmtpClient> client_;
};

std::unique_ptr<DatabaseDriver> openDatabase(const std::string& kind, const std::string& target) {
    return std::make_unique<PocoDatabase>(kind, target);
}

std::unique_ptr<SmtpConnection> connectSmtp(const SmtpSettings& settings, const std::string& password) {
    const std::string server = settings.host + ":" + std::to_string(settings.port);
    try {
        Poco::Timespan timeout(settings.timeoutSeconds, 0);
        Poco::Net::SocketAddress address(settings.host, static_cast<Poco::UInt16>(settings.port));
        std::unique_ptr<SmtpClient> client;
        Context::Ptr ctx;
        if (settings.security != "none") {
            initSsl();
            ctx = makeContext(settings);
        }
        if (settings.security == "tls") {
            Poco::Net::SecureStreamSocket socket(ctx);
            socket.setPeerHostName(settings.host);
            socket.connect(address, timeout);
            socket.completeHandshake();
            client = std::make_unique<SmtpClient>(socket);
        } else {
            Poco::Net::StreamSocket socket;
            socket.connect(address, timeout);
            client = std::make_unique<SmtpClient>(socket);
        }
        client->setTimeout(timeout);
        const std::string helo = settings.helo.empty() ? Poco::Net::DNS::hostName() : settings.helo;
        client->login(helo);
        if (settings.security == "starttls") {
            client->startTls(settings.host, ctx);
            client->login(helo);  // EHLO again: the server's offer changes under TLS
        }
        if (!settings.user.empty() && settings.auth != "none") client->authenticate(settings.auth, settings.user, password);
        return std::make_unique<PocoSmtp>(std::move(client));
    } catch (const MailError& e) {
        throw MailError("SMTP server " + server + ": " + e.what());
    } catch (const Poco::Net::SMTPException& e) {  // greeting, EHLO or AUTH refused
        throw MailError("SMTP server " + server + " refused us: " + scrubAddresses(e.displayText()));
    } catch (const Poco::Exception& e) {
        throw MailError("cannot reach SMTP server " + server + ": " + scrubAddresses(e.displayText()));
    }
}

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

std::string composeMail(const OutgoingMail& m) {
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

}  // namespace

namespace drivers_impl {

std::string sha256(const std::string& bytes) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(bytes);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string base64Decode(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder b64(in);
    return std::string(std::istreambuf_iterator<char>(b64), {});
}

const DeliveryDrivers* builtin() {
    static const DeliveryDrivers table{kDeliveryDriversVersion, &openDatabase, &connectSmtp, &composeMail,
                                       &sha256,                 &base64,       &base64Decode};
    return &table;
}

}  // namespace drivers_impl

}  // namespace delivery
