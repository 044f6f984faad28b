<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl - the paper layer: html.xsl's HTML, minus what only a screen needs, plus a
  newspaper masthead. The page layout itself (size, columns, running heads, bookmarks,
  marks) is CSS Paged Media in assets/print.css and the small per-profile sheet that
  tei_edition/pdf.py adds; WeasyPrint renders it.

  Overridden here, nothing else:
    html-page           page shell: masthead, text, furniture (no contents, about panel,
                        colophon, search or scripts: none of them works on paper)
    html-head           title and generator only (no screen stylesheet, no CSP)
    html-masthead       the newspaper's nameplate and dateline; sets the running head
    html-article-foot   no permalink or citation box under each article
    make-repeat         repeats (@copyOf) are not printed at all; the original is
                        printed once where it stands
    byline roleName     plain text (no element): see the template
    make-graphic        every graphic becomes an <img>, whatever its URL: the PDF
                        renderer's URL fetcher (tei_edition/pdf.py) then serves only
                        allowed local files and refuses, and reports, everything else.
                        (html.xsl quietly turns a remote URL into a link and drops a
                        file: URL; on paper that would lose an image without a word.)

  Everything else - the element → behaviour table, headings, run-in bylines, kickers the
  extraction put at the end (trailer), gaps, breaks, figures - is html.xsl's, so the PDF
  and the web edition cannot drift apart. Class names are html.xsl's (tei-*, te-*).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:import href="html.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <!-- archive | print | screen: a class on <body>, for CSS that differs per profile. -->
  <xsl:param name="profile" select="'archive'"/>

  <xsl:template name="html-page">
    <html lang="{$te-lang}">
      <xsl:call-template name="html-head"/>
      <body class="te-print te-print-{$profile}">
        <xsl:call-template name="html-masthead"/>
        <main class="te-main">
          <xsl:call-template name="html-text"/>
          <xsl:call-template name="html-furniture"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="html-head">
    <head>
      <meta name="generator" content="{$generator}"/>
      <title>
        <xsl:variable name="t"><xsl:call-template name="te-page-title"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="normalize-space($t)"><xsl:value-of select="$t"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="local-name(/*)"/></xsl:otherwise>
        </xsl:choose>
      </title>
    </head>
  </xsl:template>

  <!-- Nameplate left, dateline right. Each piece is its own element so print.css can
       copy it into the running head (string-set) of the following pages. -->
  <xsl:template name="html-masthead">
    <xsl:variable name="h" select="$te-header"/>
    <xsl:variable name="bs" select="($h/tei:fileDesc/tei:sourceDesc/tei:biblStruct[@type='newspaper'] | $h/tei:fileDesc/tei:sourceDesc/tei:biblStruct)[1]"/>
    <xsl:variable name="issue"><xsl:call-template name="te-issue-no"><xsl:with-param name="h" select="$h"/></xsl:call-template></xsl:variable>
    <xsl:variable name="page"><xsl:call-template name="te-page-no"><xsl:with-param name="h" select="$h"/></xsl:call-template></xsl:variable>
    <header class="te-masthead te-print-masthead">
      <h1 class="te-print-paper"><xsl:call-template name="te-monogr-title"><xsl:with-param name="h" select="$h"/></xsl:call-template></h1>
      <p class="te-print-dateline">
        <span class="te-print-date"><xsl:call-template name="te-issue-date"><xsl:with-param name="h" select="$h"/></xsl:call-template></span>
        <xsl:if test="$issue != '' or $page != ''">
          <span class="te-print-edition">
            <xsl:value-of select="normalize-space(concat($issue, ' ', $page))"/>
          </span>
        </xsl:if>
        <xsl:if test="normalize-space($bs/tei:monogr/tei:imprint/tei:publisher) or normalize-space($bs/tei:monogr/tei:imprint/tei:pubPlace)">
          <span class="te-print-publisher">
            <xsl:value-of select="normalize-space(concat($bs/tei:monogr/tei:imprint/tei:pubPlace, ' ', $bs/tei:monogr/tei:imprint/tei:publisher))"/>
          </span>
        </xsl:if>
      </p>
    </header>
    <xsl:variable name="licence" select="$h/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[1]"/>
    <xsl:if test="normalize-space($licence)">
      <p class="te-gen te-print-licence"><xsl:for-each select="$licence"><xsl:call-template name="te-inherited-lang"/></xsl:for-each><xsl:value-of select="normalize-space($licence)"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="html-article-foot"/>

  <!-- A role in a byline (全媒体记者, 通讯员) is set as the words around it, without an
       element of its own: on paper it needs none, and each inline element is a separate
       box whose edge a justified line may widen, which text extractors read as a space
       ("本报讯（ 全媒体记者"). Names keep theirs: print.css forbids a break inside one. -->
  <xsl:template match="tei:byline//tei:roleName"><xsl:apply-templates/></xsl:template>

  <xsl:template name="make-repeat"/>

  <xsl:template name="make-graphic">
    <xsl:variable name="alt">
      <xsl:choose>
        <xsl:when test="tei:desc"><xsl:value-of select="normalize-space(tei:desc)"/></xsl:when>
        <xsl:when test="../tei:figDesc"><xsl:value-of select="normalize-space(../tei:figDesc)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(../tei:p[1])"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <img src="{normalize-space(@url)}" alt="{$alt}">
      <xsl:call-template name="te-attrs"/>
    </img>
  </xsl:template>

</xsl:stylesheet>
