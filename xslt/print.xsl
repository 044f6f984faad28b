<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:output method="html" encoding="UTF-8"/>
  <xsl:variable name="monogr" select="/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:biblStruct[@type='newspaper']/tei:monogr"/>
  <xsl:template match="/">
    <html lang="{tei:TEI/@xml:lang}">
      <head><meta charset="utf-8"/><title><xsl:value-of select="//tei:titleStmt/tei:title"/></title></head>
      <body>
        <header class="print-masthead">
          <h1 class="print-masthead-title"><xsl:value-of select="$monogr/tei:title[@level='j']"/></h1>
          <p class="print-masthead-meta"><span class="print-masthead-date"><xsl:value-of select="$monogr/tei:imprint/tei:date"/></span><span class="print-masthead-edition">第1版</span><span><xsl:value-of select="$monogr/tei:imprint/tei:publisher"/></span></p>
        </header>
        <div class="print-masthead-rule"></div>
        <main class="print-body"><xsl:apply-templates select="tei:TEI/tei:text/tei:body/*[not(self::tei:fw)]"/></main>
        <footer class="print-furniture"><xsl:apply-templates select="tei:TEI/tei:text/tei:body/tei:fw"/></footer>
      </body>
    </html>
  </xsl:template>
  <xsl:template match="tei:div[@copyOf]|tei:p[@copyOf]" priority="5"/>
  <xsl:template match="tei:div[@type='article']" priority="2">
    <article class="print-article" id="{@xml:id}" data-bookmark="{normalize-space(tei:head[@type='main'])}">
      <header class="print-heads">
        <xsl:apply-templates select="tei:trailer" mode="head"/>
        <xsl:apply-templates select="tei:head"/>
      </header>
      <div class="print-columns"><xsl:apply-templates select="*[not(self::tei:head or self::tei:trailer)]"/></div>
    </article>
  </xsl:template>
  <xsl:template match="tei:div">
    <section class="print-section"><xsl:apply-templates/></section>
  </xsl:template>
  <xsl:template match="tei:head[@type='main']" priority="2"><h2 class="print-head-main"><xsl:apply-templates/></h2></xsl:template>
  <xsl:template match="tei:head[@type]"><p class="print-head-{@type}"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:trailer" mode="head"><p class="print-head-{@type}"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:head"><h3 class="print-section-head"><xsl:apply-templates/></h3></xsl:template>
  <xsl:template match="tei:p"><p class="print-p"><xsl:if test="preceding-sibling::*[1][self::tei:byline[@rend='run-in']]"><span class="print-byline-runin"><xsl:apply-templates select="preceding-sibling::*[1]/node()"/></span></xsl:if><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:byline[@rend='run-in']"/>
  <xsl:template match="tei:byline"><p class="print-byline"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:figure">
    <figure class="print-figure"><div class="print-figure-noimage">图片未收录</div><figcaption><xsl:apply-templates/></figcaption></figure>
  </xsl:template>
  <xsl:template match="tei:figure/tei:p"><span><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="tei:figure/tei:byline" priority="3"> <span class="print-credit"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="tei:fw"><span class="print-fw"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="tei:gap"><span class="print-gap">〔前缺〕</span></xsl:template>
  <xsl:template match="tei:cb|tei:pb|tei:figDesc"/>
  <xsl:template match="tei:graphic"><img src="{@url}" alt=""/></xsl:template>
  <xsl:template match="tei:*"><span class="tei-{local-name()}"><xsl:apply-templates/></span></xsl:template>
</xsl:stylesheet>
